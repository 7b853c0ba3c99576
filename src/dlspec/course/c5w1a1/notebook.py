# %% [markdown]
# # Building a recurrent neural network step by step
#
# TODO: the lesson, in our own words: the idea, the formula, the shapes, a picture where one helps.

# %%

from dlspec.notebook import checker

check = checker("c5w1a1")

# %% [markdown]
# ## rnn_cell_forward
#
# TODO: what rnn_cell_forward computes and why.

# %%
# GRADED: rnn_cell_forward

# %%
check(rnn_cell_forward)

# %% [markdown]
# ## rnn_forward
#
# TODO: what rnn_forward computes and why.

# %%
# GRADED: rnn_forward

# %%
check(rnn_forward)

# %% [markdown]
# ## lstm_cell_forward
#
# TODO: what lstm_cell_forward computes and why.

# %%
# GRADED: lstm_cell_forward

# %%
check(lstm_cell_forward)

# %% [markdown]
# ## lstm_forward
#
# TODO: what lstm_forward computes and why.

# %%
# GRADED: lstm_forward

# %%
check(lstm_forward)

# %% [markdown]
# ## rnn_cell_backward
#
# TODO: what rnn_cell_backward computes and why.

# %%
# GRADED: rnn_cell_backward

# %%
check(rnn_cell_backward)

# %% [markdown]
# ## rnn_backward
#
# TODO: what rnn_backward computes and why.

# %%
# GRADED: rnn_backward

# %%
check(rnn_backward)

# %% [markdown]
# ## lstm_cell_backward
#
# TODO: what lstm_cell_backward computes and why.

# %%
# GRADED: lstm_cell_backward

# %%
check(lstm_cell_backward)

# %% [markdown]
# ## lstm_backward
#
# TODO: what lstm_backward computes and why.

# %%
# GRADED: lstm_backward

# %%
check(lstm_backward)
