"""Theme-environment speed-ups for the many builds one process runs.

MkDocs makes a new Jinja environment for every build (and more than one per
build), so each locale would compile Material's templates again and list every
file of the theme (about 10,000 icons) again. One process builds many
locales: keep compiled templates in memory, and in a full build, where theme
files are written once at the end anyway, list the theme once."""

from __future__ import annotations

from jinja2 import BytecodeCache


class MemoryBytecodeCache(BytecodeCache):
    def __init__(self):
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self._store:
            bucket.bytecode_from_string(self._store[bucket.key])

    def dump_bytecode(self, bucket):
        self._store[bucket.key] = bucket.bytecode_to_string()


_CACHE = MemoryBytecodeCache()  # per process: this module is imported once
_LISTINGS: dict[tuple, list[str]] = {}


def speed_up(theme, list_once: bool) -> None:
    """Make theme.get_env() share compiled templates (and, if `list_once`,
    the theme's file listing) with earlier builds in this process."""
    original = theme.get_env

    def get_env():
        env = original()
        env.bytecode_cache = _CACHE  # checksummed: an edited template recompiles
        if list_once:
            loader = env.loader
            key = tuple(getattr(loader, "searchpath", ()))
            if key not in _LISTINGS:
                _LISTINGS[key] = loader.list_templates()
            loader.list_templates = lambda: _LISTINGS[key]
        return env

    theme.get_env = get_env
