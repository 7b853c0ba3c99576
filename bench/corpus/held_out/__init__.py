"""A second round of learner-written solutions, written after the first round's mistakes had become known mistakes
with hints, and never used to write new ones: how the grader does on mistakes it was not tuned on."""
