# %% [markdown]
# # Transfer learning with EfficientNet-Lite0
#
# TODO: the lesson, in our own words: the idea, the formula, the shapes, a picture where one helps.

# %%

from dlspec.notebook import checker

check = checker("c4w2a2")

# %% [markdown]
# ## RandomFlip
#
# TODO: what RandomFlip computes and why.

# %%
# GRADED: RandomFlip

# %%
check(RandomFlip)

# %% [markdown]
# ## RandomRotation
#
# TODO: what RandomRotation computes and why.

# %%
# GRADED: RandomRotation

# %%
check(RandomRotation)

# %% [markdown]
# ## TransferClassifier
#
# TODO: what TransferClassifier computes and why.

# %%
# GRADED: TransferClassifier

# %%
check(TransferClassifier)

# %% [markdown]
# ## fine_tuning_optimizer
#
# TODO: what fine_tuning_optimizer computes and why.

# %%
# GRADED: fine_tuning_optimizer

# %%
check(fine_tuning_optimizer)
