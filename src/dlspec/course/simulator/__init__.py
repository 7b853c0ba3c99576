"""Course 3's case studies as simulators: a seeded project world with hidden properties (``world``), the scenario
text and actions (``scenario``, ``scenarios/*.toml``), a run and its score (``play``), and the course's reasoning
on the numbers (``advice``) put into words (``narrate``). Pure logic: the CLI and the site render a run,
``dlspec.progress`` records it."""
