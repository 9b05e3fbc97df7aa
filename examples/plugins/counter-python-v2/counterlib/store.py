"""The counter's storage. VERSION tells which copy of this module the running plugin imported."""

VERSION = 2


class CounterStore:
    def __init__(self, value=0):
        self.value = value

    def add(self, by):
        self.value += by
        return self.value
