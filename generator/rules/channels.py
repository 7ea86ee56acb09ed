"""Channels: a route without internet for everyone, and enough detail to use each channel.

Channel steering may advise a digital route but never force it: people who are not digitally
self-reliant keep a minimum service level (counter, phone, post, home visit).
"""

from __future__ import annotations

from typing import Any

from generator.model import OFFLINE_CHANNEL_TYPES, ONLINE_CHANNEL_TYPES

from .findings import Findings

OFFLINE_NAMES = "counter, counter-appointment, phone, pdf-post or home-visit"


def check_channels(product: Any, findings: Findings) -> None:
    channels = product.get("channels")
    if not isinstance(channels, list):
        return
    listed = [
        (index, c) for index, c in enumerate(channels) if isinstance(c, dict) and isinstance(c.get("type"), str)
    ]
    if not any(c.get("type") in OFFLINE_CHANNEL_TYPES for _, c in listed):
        findings.error(
            ("channels",),
            f"no channel works without internet: add a {OFFLINE_NAMES} channel. Never force anyone "
            "onto digital: people who are not digitally self-reliant need a way that works for them",
        )
    preferred = [index for index, c in listed if c.get("role") == "preferred"]
    if not preferred:
        findings.warning(
            ("channels",),
            "no channel has role: preferred: mark the route you advise most people to take",
        )
    for index in preferred[1:]:
        findings.warning(
            ("channels", index, "role"),
            f"more than one preferred channel (channels[{preferred[0]}] on line "
            f"{findings.line(('channels', preferred[0]))} is preferred too): advise one route, make "
            "the others alternative",
        )
    has_form = isinstance(product.get("form"), dict)
    for index, channel in listed:
        _check_details(("channels", index), channel, has_form, findings)
    if has_form and not any(
        c.get("type") == "pdf-post" or (c.get("type") == "online-form" and not c.get("url"))
        for _, c in listed
    ):
        findings.warning(
            ("form",),
            "the form is offered on no channel: add an online-form channel (without url, for the "
            "e-form made from this form) or a pdf-post channel",
        )


def _check_details(at: tuple, channel: dict, has_form: bool, findings: Findings) -> None:
    kind = channel.get("type")
    if kind in ONLINE_CHANNEL_TYPES and channel.get("role") == "assisted":
        findings.warning(
            (*at, "role"),
            f"{'an' if kind[0] in 'aeiou' else 'a'} {kind} channel cannot be the assisted route: that is for people who are not "
            "digitally self-reliant. Make it alternative, and offer help at the counter, by phone "
            "or at home as assisted",
        )
    if kind == "online-form" and not has_form and not channel.get("url"):
        findings.error(
            at,
            "an online-form channel needs a form: add form: to this file, or a url of the e-form "
            "elsewhere",
        )
    elif kind == "pdf-post" and not has_form and not channel.get("url"):
        findings.error(
            at,
            "a pdf-post channel has nothing to print: add form: to this file (the PDF is made from "
            "it), or the url of an existing PDF",
        )
    elif kind == "chat" and not channel.get("url"):
        findings.error(at, "a chat channel needs a url: the chat page, or the link that opens the app")
    elif kind == "email" and not channel.get("email"):
        findings.error(at, "an email channel needs an email address: add email:")
    elif kind == "phone" and not channel.get("phone"):
        findings.error(at, "a phone channel needs a phone number: add phone:, e.g. '14 020'")
    elif kind in ("counter", "counter-appointment") and not channel.get("address"):
        findings.warning(at, f"a {kind} channel has no address: add address: so people know where to go")
