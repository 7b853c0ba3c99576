# %% [markdown]
# # Trigger word detection
#
# TODO: the lesson, in our own words: the idea, the formula, the shapes, a picture where one helps.

# %%

from dlspec.notebook import checker

check = checker("c5w3a2")

# %% [markdown]
# ## is_overlapping
#
# TODO: what is_overlapping computes and why.

# %%
# GRADED: is_overlapping

# %%
check(is_overlapping)

# %% [markdown]
# ## insert_audio_clip
#
# TODO: what insert_audio_clip computes and why.

# %%
# GRADED: insert_audio_clip

# %%
check(insert_audio_clip)

# %% [markdown]
# ## insert_ones
#
# TODO: what insert_ones computes and why.

# %%
# GRADED: insert_ones

# %%
check(insert_ones)

# %% [markdown]
# ## create_training_example
#
# TODO: what create_training_example computes and why.

# %%
# GRADED: create_training_example

# %%
check(create_training_example)
