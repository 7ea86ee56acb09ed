"""Where the plugin finds the definitions, read from mkdocs.yml without loading MkDocs.

``formloket build`` uses this to start reading the definitions in worker processes before it loads
MkDocs (``pipeline.start_loading``); the plugin reads the same settings through MkDocs' own
configuration later and takes the work over when they agree. Anything unusual (no plugin entry, an
``INHERIT``, a file that does not parse) means no head start, never an error: MkDocs reports
what is wrong with the file, as it always does.
"""

from __future__ import annotations

import os

import yaml

PLUGIN = "formloket"
#: The plugin's defaults (FormloketConfig uses these).
DEFAULT_FORMS_DIR = "forms"


class _Lenient(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """mkdocs.yml may hold tags MkDocs resolves (``!ENV``, ``!!python/name:``): here they are None."""


_Lenient.add_multi_constructor("", lambda loader, suffix, node: None)


def definition_paths(config_file: str) -> tuple[list[str], str | None] | None:
    """(the forms folder, the UPL list or None) as the plugin will resolve them, or None when
    mkdocs.yml does not say plainly."""
    try:
        with open(config_file, "rb") as handle:
            config = yaml.load(handle, Loader=_Lenient)
    except (OSError, yaml.YAMLError, ValueError):
        return None
    if not isinstance(config, dict) or "INHERIT" in config:
        return None
    settings = _plugin_entry(config.get("plugins"))
    if settings is None:
        return None
    forms_dir = settings.get("forms_dir", DEFAULT_FORMS_DIR)
    upl_list = settings.get("upl_list")
    if not isinstance(forms_dir, str) or not (upl_list is None or isinstance(upl_list, str)):
        return None
    folder = os.path.dirname(os.path.abspath(config_file))
    return [project_path(folder, forms_dir)], project_path(folder, upl_list) if upl_list else None


def project_path(project_dir: str, path: str) -> str:
    """A path from mkdocs.yml, relative to mkdocs.yml's folder; kept relative to the working
    directory when that is the same folder, so messages read ``forms/x.yaml:3:1``."""
    absolute = os.path.normpath(os.path.join(project_dir, path))
    relative = os.path.relpath(absolute)
    return relative if not relative.startswith("..") else absolute


def _plugin_entry(plugins) -> dict | None:
    """The plugin's settings from mkdocs.yml's ``plugins`` (a list of names and one-key mappings,
    or a mapping); None when it is not there or not plainly."""
    if isinstance(plugins, dict):
        entries = list(plugins.items())
    elif isinstance(plugins, list):
        entries = [(item, {}) if isinstance(item, str) else next(iter(item.items()))
                   for item in plugins if isinstance(item, str) or (isinstance(item, dict) and len(item) == 1)]
    else:
        return None
    for name, settings in entries:
        if name == PLUGIN:
            if settings is None:
                return {}
            return settings if isinstance(settings, dict) else None
    return None
