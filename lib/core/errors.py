"""The one shape of a refusal: something asked for was refused and nothing was changed.

An error carries a message key and its parameters, never words: `topic` files the key in the
message catalogue (`<topic>.<key>`), and lib.present.i18n.say words it in either language. A
parameter may itself be a refusal, or a list of them, said one after another."""
from __future__ import annotations


class Refused(Exception):
    topic = ""

    def __init__(self, key: str, **params):
        super().__init__(key)
        self.key, self.params = key, params

    @property
    def message_key(self) -> str:
        return f"{self.topic}.{self.key}" if self.topic else self.key
