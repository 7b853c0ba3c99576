"""The course site: a small local web app beside JupyterLab (course map, weeks, assignments, quizzes, progress).

It only calls the layers below: the curriculum (``dlspec.course``), the grader and the progress store. Pages are
rendered on the server from ``templates/``; ``static/`` holds the one style sheet and the one script, served from
the package, so the site works without internet.
"""

from dlspec.web.app import HOST, create_app, make_server

__all__ = ["HOST", "create_app", "make_server"]
