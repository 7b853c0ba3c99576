# %% [markdown]
# # Residual networks
#
# TODO: the lesson, in our own words: the idea, the formula, the shapes, a picture where one helps.

# %%

from dlspec.notebook import checker

check = checker("c4w2a1")

# %% [markdown]
# ## IdentityBlock
#
# TODO: what IdentityBlock computes and why.

# %%
# GRADED: IdentityBlock

# %%
check(IdentityBlock)

# %% [markdown]
# ## ConvolutionalBlock
#
# TODO: what ConvolutionalBlock computes and why.

# %%
# GRADED: ConvolutionalBlock

# %%
check(ConvolutionalBlock)

# %% [markdown]
# ## ResNet50
#
# TODO: what ResNet50 computes and why.

# %%
# GRADED: ResNet50

# %%
check(ResNet50)
