#!/usr/bin/env python3
"""Prints N valid tracking numbers (the published rule: 17 random symbols from the
31-symbol alphabet, then a check symbol making sum((i+1)*v) divisible by 31)."""
import random
import sys

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def number(rng):
    values = [rng.randrange(31) for _ in range(17)]
    total = sum((i + 1) * v for i, v in enumerate(values))
    check = next(c for c in range(31) if (total + 18 * c) % 31 == 0)
    return "".join(ALPHABET[v] for v in values + [check])


if __name__ == "__main__":
    rng = random.SystemRandom()
    for _ in range(int(sys.argv[1])):
        print(number(rng))
