"""Modules named after the original course's helper files (``dnn_utils``, ``lr_utils``, ``planar_utils``, ...).

The grader puts this folder on ``sys.path``, so a notebook saved from the original course finds the imports it
expects and grades unchanged. Each module forwards to dlspec; the test helpers are silent no-ops.
"""

from pathlib import Path

# The folder that goes on a grading namespace's sys.path (last, so it never shadows a real module).
DIR = str(Path(__file__).parent)
