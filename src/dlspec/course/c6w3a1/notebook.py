# %% [markdown]
# # Deep survival analysis
#
# TODO: the lesson, in our own words: the idea, the formula, the shapes, a picture where one helps.

# %%
import numpy as np
import torch
from torch import nn

from dlspec.nn.survival import step_value
from dlspec.notebook import checker

check = checker("c6w3a1")

# %% [markdown]
# ## kaplan_meier
#
# TODO: what kaplan_meier computes and why.

# %%
# GRADED: kaplan_meier

# %%
check(kaplan_meier)

# %% [markdown]
# ## cox_loss
#
# TODO: what cox_loss computes and why.

# %%
# GRADED: cox_loss

# %%
check(cox_loss)

# %% [markdown]
# ## concordance_index
#
# TODO: what concordance_index computes and why.

# %%
# GRADED: concordance_index

# %%
check(concordance_index)

# %% [markdown]
# ## breslow_baseline
#
# TODO: what breslow_baseline computes and why.

# %%
# GRADED: breslow_baseline

# %%
check(breslow_baseline)

# %% [markdown]
# ## survival_curves
#
# TODO: what survival_curves computes and why.

# %%
# GRADED: survival_curves

# %%
check(survival_curves)

# %% [markdown]
# ## brier_score
#
# TODO: what brier_score computes and why.

# %%
# GRADED: brier_score

# %%
check(brier_score)

# %% [markdown]
# ## integrated_brier_score
#
# TODO: what integrated_brier_score computes and why.

# %%
# GRADED: integrated_brier_score

# %%
check(integrated_brier_score)

# %% [markdown]
# ## deepsurv_loss
#
# TODO: what deepsurv_loss computes and why.

# %%
# GRADED: deepsurv_loss

# %%
check(deepsurv_loss)

# %% [markdown]
# ## DeepSurv
#
# TODO: what DeepSurv computes and why.

# %%
# GRADED: DeepSurv

# %%
check(DeepSurv)

# %% [markdown]
# ## train_deepsurv
#
# TODO: what train_deepsurv computes and why.

# %%
# GRADED: train_deepsurv

# %%
check(train_deepsurv)
