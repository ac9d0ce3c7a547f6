"""Bookstore for JupyterLab: a prebuilt extension that does all its S3 work in the browser, and an
optional server endpoint handing the browser short-lived credentials (off unless configured)."""

__version__ = "0.1.0"


def _jupyter_labextension_paths():
    return [{"src": "labextension", "dest": "jupyterlab-bookstore"}]


def _jupyter_server_extension_points():
    return [{"module": "jupyterlab_bookstore"}]


def _load_jupyter_server_extension(server_app):
    from .credentials import setup

    setup(server_app)
