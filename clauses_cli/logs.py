"""Logging of the command line: the user reads French reports, not library warnings.

Without ``--verbose`` nothing of the technical log reaches the terminal (pypdf's
« Ignoring wrong pointing object » and the like would be printed before the French
report otherwise): warnings, including Python ``warnings``, go to the log only, and
the report of each command says in French what was skipped and why. With
``--verbose`` the log is printed on stderr.
"""

from __future__ import annotations

import logging


def configure_cli_logging(verbose: bool) -> None:
    logging.captureWarnings(True)
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    if verbose:
        handler: logging.Handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s : %(message)s"))
        root.setLevel(logging.INFO)
    else:
        handler = logging.NullHandler()  # a handler, so Python's last-resort printer stays silent
    root.addHandler(handler)
