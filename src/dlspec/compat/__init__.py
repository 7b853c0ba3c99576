"""Modules named after the original course's helper files (``dnn_utils``, ``lr_utils``, ``planar_utils``, ...).

The grader puts this folder on ``sys.path``, so a notebook saved from the original course finds the imports it
expects and grades unchanged. Each module forwards to dlspec; the test helpers are silent no-ops.
"""
