// B-unit corpus for objdiff: every B format (SDM Vol. 3 B1-B9), every
// completer value, register and immediate extremes and the pseudo-op forms
// objdump prints.  Only .bbb bundles, so that every slot is a B slot.
// Assemble: ia64-linux-gnu-as -xexplicit b.s -o b.o
//           ia64-linux-gnu-objcopy -O binary -j .text b.o b.bin
// Offsets such as "L+0xfffff0" are relative to the label L on the bundle
// that holds the instruction, since IP-relative targets and brp tags are
// counted from the bundle address.

	.text
	.global _start
_start:

// ---- B1: IP-relative br.cond, all bwh x ph x dh, with and without qp ----
top:
{ .bbb
	br.cond.sptk.few top		// unpredicated sptk: objdump prints "br.few"
	br.cond.sptk.many top
	br.cond.sptk.few.clr fwd ;;
}
{ .bbb
	br.cond.sptk.many.clr fwd
	br.cond.spnt.few top
	br.cond.spnt.many fwd ;;
}
{ .bbb
	br.cond.spnt.few.clr top
	br.cond.spnt.many.clr fwd
	br.cond.dptk.few top ;;
}
{ .bbb
	br.cond.dptk.many fwd
	br.cond.dptk.few.clr top
	br.cond.dptk.many.clr fwd ;;
}
{ .bbb
	br.cond.dpnt.few top
	br.cond.dpnt.many fwd
	br.cond.dpnt.few.clr top ;;
}
{ .bbb
	br.cond.dpnt.many.clr fwd
	(p1) br.cond.sptk.few top
	(p2) br.cond.sptk.many.clr fwd ;;
}
{ .bbb
	(p63) br.cond.spnt.few top
	(p62) br.cond.dptk.many fwd
	(p7) br.cond.dpnt.few.clr top ;;
}
{ .bbb
	br.few top			// the pseudo-op spellings
	br.many.clr fwd
	br top ;;
}
x1:
{ .bbb
	br.sptk.many fwd
	(p3) br.sptk.few.clr top
	br.cond.sptk.few x1+0xfffff0 ;;	// largest forward offset (2^20-1 bundles)
}
x2:
{ .bbb
	br.cond.sptk.few x2-0x1000000	// largest backward offset (-2^20 bundles)
	(p9) br.cond.dpnt.many x2-0x10
	(p10) br.cond.spnt.few x2+0x800000 ;;
}
{ .bbb
	br.cond.sptk.few .		// offset 0
	(p11) br.cond.dptk.few .
	nop.b 0 ;;
}

// ---- B1: br.wexit / br.wtop (predicated modulo-scheduled branches) ----
{ .bbb
	nop.b 0
	nop.b 0
	(p16) br.wexit.sptk.few top ;;
}
{ .bbb
	nop.b 0
	nop.b 0
	br.wexit.spnt.many.clr fwd ;;
}
{ .bbb
	nop.b 0
	nop.b 0
	(p63) br.wexit.dptk.few.clr top ;;
}
{ .bbb
	nop.b 0
	nop.b 0
	(p1) br.wexit.dpnt.many fwd ;;
}
{ .bbb
	nop.b 0
	nop.b 0
	(p17) br.wtop.sptk.many top ;;
}
{ .bbb
	nop.b 0
	nop.b 0
	br.wtop.spnt.few fwd ;;
}
{ .bbb
	nop.b 0
	nop.b 0
	(p5) br.wtop.dptk.many.clr top ;;
}
{ .bbb
	nop.b 0
	nop.b 0
	br.wtop.dpnt.few.clr fwd ;;
}

// ---- B2: counted branches (no qualifying predicate) ----
{ .bbb
	nop.b 0
	nop.b 0
	br.cloop.sptk.few top ;;
}
{ .bbb
	nop.b 0
	nop.b 0
	br.cloop.spnt.many.clr fwd ;;
}
{ .bbb
	nop.b 0
	nop.b 0
	br.cloop.dptk.few.clr top ;;
}
{ .bbb
	nop.b 0
	nop.b 0
	br.cloop.dpnt.many fwd ;;
}
{ .bbb
	nop.b 0
	nop.b 0
	br.cexit.sptk.many top ;;
}
{ .bbb
	nop.b 0
	nop.b 0
	br.cexit.spnt.few.clr fwd ;;
}
{ .bbb
	nop.b 0
	nop.b 0
	br.cexit.dptk.many.clr top ;;
}
{ .bbb
	nop.b 0
	nop.b 0
	br.cexit.dpnt.few fwd ;;
}
{ .bbb
	nop.b 0
	nop.b 0
	br.ctop.sptk.few.clr top ;;
}
{ .bbb
	nop.b 0
	nop.b 0
	br.ctop.spnt.many fwd ;;
}
{ .bbb
	nop.b 0
	nop.b 0
	br.ctop.dptk.few top ;;
}
x3:
{ .bbb
	nop.b 0
	nop.b 0
	br.ctop.dpnt.many.clr x3-0x1000000 ;;
}

// ---- B3: IP-relative call ----
{ .bbb
	br.call.sptk.few b0=top
	br.call.sptk.many b1=fwd
	br.call.spnt.few.clr b2=top ;;
}
{ .bbb
	br.call.spnt.many.clr b3=fwd
	br.call.dptk.few b4=top
	br.call.dptk.many b5=fwd ;;
}
x4:
{ .bbb
	(p1) br.call.dpnt.few.clr b6=top
	(p63) br.call.dpnt.many b7=fwd
	br.call.sptk.many b0=x4+0xfffff0 ;;
}
x5:
{ .bbb
	(p8) br.call.sptk.few b7=x5-0x1000000
	nop.b 0
	nop.b 0 ;;
}

// ---- B4: indirect br.cond / br.ia / br.ret ----
{ .bbb
	br.cond.sptk.few b0		// unpredicated sptk: "br.few b0"
	br.cond.sptk.many.clr b1
	br.cond.spnt.few b2 ;;
}
{ .bbb
	br.cond.dptk.many b3
	br.cond.dpnt.few.clr b4
	(p1) br.cond.sptk.few b5 ;;
}
{ .bbb
	(p63) br.cond.spnt.many.clr b6
	br.few b7
	br.many.clr b6 ;;
}
{ .bbb
	br.ia.sptk.few b0
	br.ia.spnt.many b1
	(p2) br.ia.dptk.few.clr b7 ;;
}
{ .bbb
	br.ia.dpnt.many.clr b6
	br.ret.sptk.few b0
	br.ret.sptk.many b1 ;;
}
{ .bbb
	br.ret.spnt.few.clr b2
	br.ret.dptk.many.clr b3
	(p6) br.ret.dpnt.few b7 ;;
}
{ .bbb
	(p63) br.ret.sptk.many b0
	br.ret.dpnt.many.clr b5
	nop.b 0 ;;
}

// ---- B5: indirect call ----
{ .bbb
	br.call.sptk.few b0=b0
	br.call.sptk.many.clr b7=b7
	br.call.spnt.few b1=b2 ;;
}
{ .bbb
	br.call.spnt.many.clr b3=b4
	br.call.dptk.few.clr b5=b6
	br.call.dptk.many b6=b5 ;;
}
{ .bbb
	(p1) br.call.dpnt.few b0=b6
	(p63) br.call.dpnt.many.clr b2=b1
	nop.b 0 ;;
}

// ---- B6: IP-relative predict (no qualifying predicate) ----
{ .bbb
	brp.sptk top, t1
	brp.loop fwd, t1
	brp.dptk top, t1 ;;
}
t1:
{ .bbb
	brp.exit fwd, t1
	brp.sptk.imp top, t1
	brp.loop.imp fwd, t1 ;;
}
x6:
{ .bbb
	brp.dptk.imp top, t1
	brp.exit.imp fwd, t1
	brp.sptk x6+0xfffff0, x6+0xff0 ;;	// largest target and tag offsets
}
x7:
{ .bbb
	brp.dptk x7-0x1000000, x7-0x1000	// most negative target and tag
	nop.b 0
	nop.b 0 ;;
}

// ---- B7: indirect predict ----
t2:
{ .bbb
	brp.sptk b0, t2
	brp.dptk b1, t2
	brp.sptk.imp b2, t2 ;;
}
{ .bbb
	brp.dptk.imp b7, t2
	brp.ret.sptk b0, t2
	brp.ret.dptk b3, t2 ;;
}
x8:
{ .bbb
	brp.ret.sptk.imp b6, t2
	brp.ret.dptk.imp b7, x8+0xff0
	brp.sptk b4, x8-0x1000 ;;
}

// ---- B8: miscellaneous (no qualifying predicate) ----
{ .bbb
	nop.b 0
	nop.b 0
	cover ;;
}
{ .bbb
	nop.b 0
	nop.b 0
	clrrrb ;;
}
{ .bbb
	nop.b 0
	nop.b 0
	clrrrb.pr ;;
}
{ .bbb
	nop.b 0
	nop.b 0
	rfi ;;
}
{ .bbb
	nop.b 0
	nop.b 0
	bsw.0 ;;
}
{ .bbb
	nop.b 0
	nop.b 0
	bsw.1 ;;
}
{ .bbb
	epc
	nop.b 0
	nop.b 0 ;;
}
{ .bbb
	nop.b 0
	nop.b 0
	vmsw.0 ;;
}
{ .bbb
	nop.b 0
	nop.b 0
	vmsw.1 ;;
}

// ---- B9: break.b / nop.b / hint.b (imm21, the i bit is bit 20) ----
{ .bbb
	break.b 0
	break.b 0x1ffff
	break.b 0x100000 ;;
}
{ .bbb
	(p1) break.b 0x1fffff
	(p63) break.b 0xfffff
	break.b 0x12345 ;;
}
{ .bbb
	nop.b 0x1fffff
	(p2) nop.b 0x100000
	nop.b 0xfffff ;;
}
// gas refuses hint.b ("hint.b shouldn't be used") unless given -mhint.b=ok,
// so these two .bbb;; bundles are spelled as raw bytes:
//   { hint.b 0x0; (p03) hint.b 0x1fffff; hint.b 0x100000 ;; }
//   { hint.b 0xfffff; hint.b 0x1; (p63) hint.b 0x5a5a5 ;; }
	data8 0xfff0c80100000017, 0x28040000001402ff
	data8 0x001008017ffff817, 0x2004b4b4bf900200
{ .bbb
	(p63) nop.b 1
	nop.b 0
	nop.b 0x5a5a5 ;;
}
fwd:
{ .bbb
	nop.b 0
	nop.b 0
	br.ret.sptk.many b0 ;;
}
