"""The accessibility gate: axe-core in Debian's Chromium on every page and e-form state of a built site.

browser.py launches Chromium, server.py serves the site on loopback, axe.py injects and runs axe-core,
form_states.py drives each e-form into the states axe must see, report.py prints and writes results.
"""
