"""``dlspec site`` and the site beside ``dlspec start``: 127.0.0.1, a port option, a clear message when it is taken."""

import socket
import urllib.request

from dlspec.cli import main, site, start


def test_a_taken_port_is_explained(tmp_path, capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["site", "--port", str(port), "--no-browser", "--workspace", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert f"port {port} on 127.0.0.1 is already in use; choose another with --port" in err


def test_the_site_listens_on_127_0_0_1_only(tmp_path):
    server = site.start_site(tmp_path, 0, 8888)
    try:
        assert server.host == "127.0.0.1"
        with urllib.request.urlopen(f"http://127.0.0.1:{server.port}/assignment/c1w2a1", timeout=10) as response:
            page = response.read().decode()
        assert 'href="http://127.0.0.1:8888/lab/tree/C1W2A1' in page  # "open in JupyterLab" on the lab's port
    finally:
        server.shutdown()
        server.server_close()


def test_start_serves_the_site_beside_jupyterlab(tmp_path, monkeypatch, capsys):
    seen = {}

    def serve(folder, port, browser):  # stands in for JupyterLab: the site must answer while it runs
        url = capsys.readouterr().out.split("course site on ")[1].split()[0]
        with urllib.request.urlopen(url, timeout=10) as response:
            seen["page"] = response.read().decode()
        return 0

    monkeypatch.setattr(start, "serve", serve)
    monkeypatch.setattr(start.workspace, "sync", lambda folder: [])
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        lab = free.getsockname()[1]
    assert main(["start", "--no-browser", "--port", str(lab), "--site-port", "0", "--workspace", str(tmp_path)]) == 0
    assert "Course map" in seen["page"]
