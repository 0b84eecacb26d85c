"""A minimal Chrome DevTools Protocol client over --remote-debugging-pipe, standard library only.

Chromium reads commands from file descriptor 3 and writes replies and events to descriptor 4, each
message a JSON object ended by a NUL byte. One page (target) is opened and attached with a flat
session, which is all the report checks need: navigate, evaluate JavaScript, emulate a viewport or
print media, and print to PDF.

    with Browser(chromium_path) as browser:
        page = browser.new_page()
        page.navigate("file:///tmp/report.html")
        page.evaluate("document.title")
"""
import base64
import json
import os
import subprocess
import time


class CDPError(RuntimeError):
    pass


class Browser:
    def __init__(self, executable, timeout=120):
        self.timeout = timeout
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def child_fds():
            # The protocol's fixed descriptors: 3 to read commands, 4 to write replies.
            os.dup2(to_browser_r, 3)
            os.dup2(from_browser_w, 4)

        self.process = subprocess.Popen(
            [executable, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--remote-debugging-pipe", "--no-first-run", "--no-default-browser-check",
             "--disable-extensions", "--mute-audio", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            # preexec_fn runs before the child closes descriptors it was not told to keep, so the
            # fixed numbers 3 and 4 are kept (not the pipes' own numbers in this process).
            preexec_fn=child_fds, pass_fds=(3, 4))
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self._events = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        try:
            self.send("Browser.close")
        except (CDPError, OSError):
            pass
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self._to_browser, self._from_browser):
            try:
                os.close(fd)
            except OSError:
                pass

    def _read_message(self, deadline):
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise CDPError("timed out waiting for the browser")
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise CDPError("the browser closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, params=None, session=None, timeout=None):
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise CDPError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})
            if "method" in reply:
                self._events.append(reply)

    def wait_for_event(self, method, session=None, timeout=None):
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            for i, event in enumerate(self._events):
                if event.get("method") == method and (session is None or event.get("sessionId") == session):
                    return self._events.pop(i)
            reply = self._read_message(deadline)
            if "method" in reply:
                self._events.append(reply)

    def new_page(self):
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        return Page(self, session)


class Page:
    def __init__(self, browser, session):
        self.browser = browser
        self.session = session
        self.send("Page.enable")
        self.send("Runtime.enable")

    def send(self, method, params=None, timeout=None):
        return self.browser.send(method, params, session=self.session, timeout=timeout)

    def navigate(self, url):
        self.browser._events = [e for e in self.browser._events if e.get("method") != "Page.loadEventFired"]
        self.send("Page.navigate", {"url": url})
        self.browser.wait_for_event("Page.loadEventFired", session=self.session)

    def evaluate(self, expression, timeout=None):
        """The value of a JavaScript expression (awaited when it is a promise), as JSON gives it."""
        result = self.send("Runtime.evaluate", {"expression": expression, "awaitPromise": True,
                                                "returnByValue": True}, timeout=timeout)
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise CDPError(details.get("exception", {}).get("description") or details.get("text"))
        return result.get("result", {}).get("value")

    def viewport(self, width, height, scale=1):
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": scale, "mobile": False})

    def media(self, media):
        self.send("Emulation.setEmulatedMedia", {"media": media})

    def console_errors(self):
        """Uncaught exceptions seen so far (Runtime.exceptionThrown events)."""
        found = [e for e in self.browser._events
                 if e.get("sessionId") == self.session and e.get("method") == "Runtime.exceptionThrown"]
        return [e["params"]["exceptionDetails"].get("text", "") for e in found]

    def pdf(self):
        data = self.send("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True,
                                             "displayHeaderFooter": False})["data"]
        return base64.b64decode(data)
