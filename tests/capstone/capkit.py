"""What the capstone's tests share (a module of its own name: every test folder has a conftest.py)."""

from dlspec.course import project

P = project.load("c6w5p1")
