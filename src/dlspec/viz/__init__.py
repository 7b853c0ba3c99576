"""Pictures a learner would rather look at than read: cost curves, decision boundaries, image galleries."""
