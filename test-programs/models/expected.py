#!/usr/bin/env python3
"""Models of the test programs: writes test-programs/expected/<name>.stdout
and <name>.status (and echo-args.args, the arguments its expected output
assumes, one per line).

Each model repeats the computation the assembly program performs, with
64-bit wrapping arithmetic, so that the expected output is computed, not
guessed. The bench models take about a minute in CPython.

Usage: python3 test-programs/models/expected.py [--check]
  --check  compare with the committed files instead of writing them
"""
import os
import sys

M = (1 << 64) - 1
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "expected")


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & M


def hex16(x):
    return "0x%016x" % (x & M)


def rec(n, s):
    """rec of recursion.s / bench-recursion.s, iteratively."""
    frames = []
    while n != 0:
        frames.append([(s + ((n << k) & M) + k) & M for k in range(2, 17)])
        s = rotl(s, 7) ^ n
        n -= 1
    t = s
    while frames:
        for v in frames.pop():
            t = rotl(t, 1) ^ v
    return t


def echo_args():
    args = ["hello", "IA-64", "world"]
    return " ".join(args) + "\n", 0, args


def exit_status():
    return "", 42


def loop_sum():
    s = 0
    for i in range(1, 1001):
        s += i
    return "sum(1..1000) = %d\nar.lc after loop = 0\n" % s, 0


def recursion():
    return "rec(10000) checksum = %s\n" % hex16(rec(10000, 0x0123456789ABCDEF)), 0


def strings():
    src = "The quick brown fox jumps over the lazy dog"
    buf = ["-"] * 60
    buf[4:4 + len(src)] = list(src)
    return "strlen = %d\n%s\n%s\n" % (len(src), "".join(buf), src[::-1]), 0


def predication():
    a, b, c = 5, 7, 5
    out = []

    def bits(ps):
        return "".join("1" if ps[i] else "0" for i in range(6, 14))

    def init(val):
        return {i: val for i in range(6, 16)}

    # compare types, as the architecture defines them
    def normal(p, q, t1, t2, rel):
        if q:
            p[t1], p[t2] = rel, not rel

    def unc(p, q, t1, t2, rel):
        p[t1], p[t2] = (rel, not rel) if q else (False, False)

    def and_(p, t1, t2, rel):
        if not rel:
            p[t1] = p[t2] = False

    def or_(p, t1, t2, rel):
        if rel:
            p[t1] = p[t2] = True

    def or_andcm(p, t1, t2, rel):
        if rel:
            p[t1], p[t2] = True, False

    def and_orcm(p, t1, t2, rel):
        if not rel:
            p[t1], p[t2] = False, True

    p = init(False)
    normal(p, True, 6, 7, a == c)
    normal(p, True, 8, 9, a == b)
    normal(p, True, 10, 11, a < b)
    normal(p, True, 12, 13, b < a)
    out.append("normal:   " + bits(p))

    p = init(True)
    p[14], p[15] = False, True
    normal(p, p[14], 6, 7, a == c)
    unc(p, p[14], 8, 9, a == c)
    unc(p, p[15], 10, 11, a == b)
    normal(p, p[15], 12, 13, a != b)
    out.append("unc:      " + bits(p))

    p = init(True)
    and_(p, 6, 7, a == c)
    and_(p, 8, 9, a == b)
    and_(p, 10, 11, a != b)
    and_(p, 12, 13, a != c)
    out.append("and:      " + bits(p))

    p = init(False)
    or_(p, 6, 7, a == b)
    or_(p, 8, 9, a == c)
    or_(p, 10, 11, a != c)
    or_(p, 12, 13, b != c)
    out.append("or:       " + bits(p))

    p = init(True)
    or_andcm(p, 6, 7, a == c)
    or_andcm(p, 8, 9, a == b)
    or_andcm(p, 10, 11, a != b)
    or_andcm(p, 12, 13, a != c)
    out.append("or.andcm: " + bits(p))

    p = init(False)
    and_orcm(p, 6, 7, a == c)
    and_orcm(p, 8, 9, a == b)
    and_orcm(p, 10, 11, a != c)
    and_orcm(p, 12, 13, a != b)
    out.append("and.orcm: " + bits(p))

    p = init(False)
    normal(p, True, 6, 7, True)
    normal(p, True, 8, 9, True)
    normal(p, True, 10, 11, False)
    and_(p, 6, 7, a == 5)
    and_(p, 6, 7, b == 7)
    and_(p, 8, 9, a == 5)
    and_(p, 8, 9, b == 5)
    or_(p, 10, 11, a == 9)
    or_(p, 10, 11, b == 7)
    out.append("multi:    " + bits(p))

    p6, p7 = a == b, a != b
    flags = 0
    if p6:
        flags |= 1
    if p7:
        flags |= 2
    mem = 0
    if p6:
        mem = b
    if mem != 0:
        flags |= 4
    if not p6:  # (p6) br not taken: falls through
        flags |= 8
    if p7:  # (p7) br taken
        flags |= 16
    flags |= 32  # survived the predicated-off load from address 0
    if (b >> 1) & 1:
        flags |= 64
    # tnat.nz on a non-NaT register is false: bit 7 stays 0
    out.append("offslots: " + "".join(str((flags >> i) & 1) for i in range(8)))
    return "\n".join(out) + "\n", 0


def modsched():
    x = [7 * i + 1 for i in range(100)]
    y = [5 * v + 3 for v in x]
    return (
        "y[0] = %d\ny[99] = %d\nsum = %d\nar.lc = 0 ar.ec = 0\n"
        "sentinel y[100] intact = 1\n" % (y[0], y[99], sum(y) & M),
        0,
    )


def speculation():
    return (
        "ld8.s [0]: nat = 1\n"
        "adds on NaT source: nat = 1\n"
        "chk.s after ld8.s [0]: recovered = 1 value = 7\n"
        "ld8.s [valid]: nat = 0\n"
        "chk.s after ld8.s [valid]: recovered = 0 value = 1234\n"
        "chk.a.clr, store elsewhere: recovered = 0 value = 1\n"
        "chk.a.clr, store to same address: recovered = 1 value = 2\n"
        "ld8.c.clr after store to same address: value = 3\n"
        "chk.a.clr after invala: recovered = 1 value = 3\n",
        0,
    )


def spillfill():
    # UNAT bit k <- NaT of the register spilled to spillbuf + 8k
    unat = 0
    unat |= 1 << 0  # slot 0: NaT
    unat &= ~(1 << 1)  # slot 1: value
    unat |= 1 << 2  # slot 2: NaT
    after3 = unat
    fill = [(unat >> k) & 1 for k in range(3)]
    value = 0x1122334455667788
    fill2_unat0 = (0 >> 2) & 1
    fill1_unat2 = (2 >> 1) & 1
    final = 2 & ~(1 << 1)  # re-spilling a non-NaT value to slot 1
    return (
        "ld8.s [0]: nat = 1\n"
        "ar.unat after 3 spills = %d\n"
        "fill slot 0: nat = %d\n"
        "fill slot 1: nat = %d\n"
        "fill slot 2: nat = %d\n"
        "ld8 slot 1 = %s\n"
        "fill slot 1 value = %s\n"
        "fill slot 2 with ar.unat = 0: nat = %d\n"
        "fill slot 1 with ar.unat = 2: nat = %d\n"
        "ar.unat after re-spilling slot 1 = %d\n"
        % (after3, fill[0], fill[1], fill[2], hex16(value), hex16(value),
           fill2_unat0, fill1_unat2, final),
        0,
    )


def brkmmap():
    brk_sum = sum(range(8192)) & M
    words = 1 << 20 >> 3
    mm_sum = sum(i ^ 0x5A5A for i in range(words)) & M
    return (
        "brk grow ok = 1\n"
        "brk sum = %d\n"
        "brk shrink ok = 1\n"
        "mmap ok = 1 aligned = 1\n"
        "mmap zero sum = 0\n"
        "mmap sum = %d\n"
        "mprotect ok = 1 first word = %d\n"
        "munmap ok = 1\n" % (brk_sum, mm_sum, 0 ^ 0x5A5A),
        0,
    )


def fault():
    return "about to fault\n", 128 + 11


def bench_cloop():
    acc, i, x = 0, 0, 1
    for _ in range(50_000_000):
        acc, i, t = (acc + i) & M, i + 1, (3 * x) & M
        x = t ^ acc
    return "bench-cloop checksum = %s\n" % hex16(acc ^ x), 0


def bench_alu():
    x, taps, n = 0x0123456789ABCDEF, 0, 20_000_000
    while True:
        lsb = x & 1
        x >>= 1
        n -= 1
        if lsb:
            x ^= 0xD800000000000000
            taps += 1
        if n == 0:
            break
    return "bench-alu lfsr = %s\nbench-alu taps = %d\n" % (hex16(x), taps), 0


def bench_ldst():
    n, passes = 4096, 6144
    # a[i] += v; v += 1 over `passes` passes: closed form, checked by a loop
    # over a smaller case below
    a = [(n * passes * (passes - 1) // 2 + passes * i) & M for i in range(n)]
    small = [0] * 8
    v = 0
    for _ in range(5):
        for i in range(8):
            small[i] += v
            v += 1
    assert small == [8 * 5 * 4 // 2 + 5 * i for i in range(8)]
    return "bench-ldst sum = %d\nbench-ldst a[4095] = %d\n" % (sum(a) & M, a[n - 1]), 0


def bench_recursion():
    s = 0x0123456789ABCDEF
    for _ in range(200):
        s = rec(10000, s)
    return "bench-recursion checksum = %s\n" % hex16(s), 0


def fp_divide():
    """fp-divide.s: unsigned and signed (truncating) 64-bit division and remainder."""
    pairs = [
        (100, 7),
        (M, 1),
        (M, M),
        (1 << 63, 3),
        (1 << 63, M),
        ((1 << 63) - 1, M - 1),
        (0x123456789ABCDEF0, 0x12345),
        (0xFEDCBA9876543210, 0x100000001),
        (0, 5),
        (12345, 1 << 40),
        (M - 6, 2),
        (1 << 32, 0xFFFFFFFF),
    ]

    def signed(x):
        return x - (1 << 64) if x >> 63 else x

    out = ""
    for a, b in pairs:
        uq, ur = a // b, a % b
        sa, sb = signed(a), signed(b)
        sq = abs(sa) // abs(sb)
        if (sa < 0) != (sb < 0):
            sq = -sq
        sr = sa - sq * sb  # truncating remainder; MIN / -1 wraps to MIN, remainder 0
        out += " ".join(hex16(v) for v in (a, b, uq, ur, sq, sr)) + "\n"
    return out, 0


def fp_misc():
    """fp-misc.s: double sum/product (each operation rounded to double, as Python's
    floats are), conversions and parallel single arithmetic."""
    import struct

    def dbits(x):
        return struct.unpack("<Q", struct.pack("<d", x))[0]

    def sbits(x):
        return struct.unpack("<I", struct.pack("<f", x))[0]

    tenth = struct.unpack("<d", struct.pack("<Q", 0x3FB999999999999A))[0]
    s = 0.0
    for i in range(1, 21):
        s = s + float(i) * tenth
    p = 1.0
    for i in range(1, 21):
        p = p * ((i + 64) / 64.0)
    lines = [dbits(s), dbits(p)]
    lines.append(-2 & M)  # fcvt.fx(-2.5), round to nearest even
    lines.append(-2 & M)  # fcvt.fx.trunc(-2.7)
    lines.append(10**19)  # fcvt.fxu.trunc(1e19), exact
    lines.append(dbits(-123456789.0))
    lines.append(sbits(tenth))  # fnorm.s(0.1): round to nearest single
    lo, hi = 1.5 * 2.0 + 0.25, 2.5 * -4.0 + 0.5  # exact in single
    fpma = sbits(lo) | sbits(hi) << 32
    lines.append(fpma)
    lines.append(sbits(max(lo, 3.0)) | sbits(max(hi, -10.0)) << 32)
    lines.append((0xFFFFFFFF if lo < 3.0 else 0) | (0xFFFFFFFF if hi < -10.0 else 0) << 32)
    lines.append((int(lo) & 0xFFFFFFFF) | (int(hi) & 0xFFFFFFFF) << 32)
    return "".join(hex16(v) + "\n" for v in lines), 0


PROGRAMS = {
    "echo-args": echo_args,
    "exit-status": exit_status,
    "loop-sum": loop_sum,
    "recursion": recursion,
    "strings": strings,
    "predication": predication,
    "modsched": modsched,
    "speculation": speculation,
    "spillfill": spillfill,
    "brkmmap": brkmmap,
    "fault": fault,
    "bench-cloop": bench_cloop,
    "bench-alu": bench_alu,
    "bench-ldst": bench_ldst,
    "bench-recursion": bench_recursion,
}


PROGRAMS.update({"fp-divide": fp_divide, "fp-misc": fp_misc})

def main():
    check = "--check" in sys.argv[1:]
    names = [a for a in sys.argv[1:] if not a.startswith("--")] or list(PROGRAMS)
    bad = 0
    for name in names:
        res = PROGRAMS[name]()
        files = {name + ".stdout": res[0], name + ".status": "%d\n" % res[1]}
        if len(res) > 2:
            files[name + ".args"] = "".join(a + "\n" for a in res[2])
        for fname, text in files.items():
            path = os.path.join(OUT, fname)
            if check:
                with open(path, "rb") as f:
                    if f.read() != text.encode():
                        print("MISMATCH", fname)
                        bad = 1
            else:
                os.makedirs(OUT, exist_ok=True)
                with open(path, "wb") as f:
                    f.write(text.encode())
    sys.exit(bad)


if __name__ == "__main__":
    main()
