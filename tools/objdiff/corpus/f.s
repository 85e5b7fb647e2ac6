// F-unit corpus for objdiff: every F1..F16 format, every mnemonic and
// completer, register and immediate extremes, and the pseudo-op forms
// objdump prints.  Assemble with: ia64-linux-gnu-as -xexplicit f.s
	.text
	.explicit

// ---- F1 fma/fms/fnma: every precision x status field
{ .mfi
	nop.m 0
	fma.s0 f6=f7,f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fma.s1 f6=f7,f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fma.s2 f6=f7,f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fma.s3 f6=f7,f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fma.s.s0 f6=f7,f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fma.s.s1 f6=f7,f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fma.s.s2 f6=f7,f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fma.s.s3 f6=f7,f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fma.d.s0 f6=f7,f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fma.d.s1 f6=f7,f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fma.d.s2 f6=f7,f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fma.d.s3 f6=f7,f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fms.s0 f6=f7,f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fms.s1 f6=f7,f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fms.s2 f6=f7,f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fms.s3 f6=f7,f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fms.s.s0 f6=f7,f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fms.s.s1 f6=f7,f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fms.s.s2 f6=f7,f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fms.s.s3 f6=f7,f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fms.d.s0 f6=f7,f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fms.d.s1 f6=f7,f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fms.d.s2 f6=f7,f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fms.d.s3 f6=f7,f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fnma.s0 f6=f7,f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fnma.s1 f6=f7,f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fnma.s2 f6=f7,f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fnma.s3 f6=f7,f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fnma.s.s0 f6=f7,f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fnma.s.s1 f6=f7,f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fnma.s.s2 f6=f7,f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fnma.s.s3 f6=f7,f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fnma.d.s0 f6=f7,f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fnma.d.s1 f6=f7,f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fnma.d.s2 f6=f7,f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fnma.d.s3 f6=f7,f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	(p63) fma.s0 f127=f126,f125,f124
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	(p1) fnma.d.s3 f2=f127,f127,f127
	nop.i 0 ;;
}

// ---- F1 pseudo-ops
{ .mfi
	nop.m 0
	fadd.s1 f10=f11,f12
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fsub.s2 f10=f11,f12
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fmpy.s3 f10=f11,f12
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fnmpy.s0 f10=f11,f12
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fnorm.s1 f10=f11
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcvt.xuf.s2 f10=f11
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fadd.s.s1 f10=f11,f12
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fsub.s.s2 f10=f11,f12
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fmpy.s.s3 f10=f11,f12
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fnmpy.s.s0 f10=f11,f12
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fnorm.s.s1 f10=f11
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcvt.xuf.s.s2 f10=f11
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fadd.d.s1 f10=f11,f12
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fsub.d.s2 f10=f11,f12
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fmpy.d.s3 f10=f11,f12
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fnmpy.d.s0 f10=f11,f12
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fnorm.d.s1 f10=f11
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcvt.xuf.d.s2 f10=f11
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fma.s0 f10=f11,f1,f0
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fma.s0 f10=f11,f12,f0
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fms.s0 f10=f11,f1,f0
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fnma.s0 f10=f11,f1,f0
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fnma.s0 f10=f11,f1,f2
	nop.i 0 ;;
}

// ---- F1 parallel
{ .mfi
	nop.m 0
	fpma.s0 f20=f21,f22,f23
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpma.s1 f20=f21,f22,f23
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpma.s2 f20=f21,f22,f23
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpma.s3 f20=f21,f22,f23
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpms.s0 f20=f21,f22,f23
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpms.s1 f20=f21,f22,f23
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpms.s2 f20=f21,f22,f23
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpms.s3 f20=f21,f22,f23
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpnma.s0 f20=f21,f22,f23
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpnma.s1 f20=f21,f22,f23
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpnma.s2 f20=f21,f22,f23
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpnma.s3 f20=f21,f22,f23
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpmpy.s0 f20=f21,f22
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpnmpy.s0 f20=f21,f22
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpmpy.s1 f20=f21,f22
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpnmpy.s1 f20=f21,f22
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpmpy.s2 f20=f21,f22
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpnmpy.s2 f20=f21,f22
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpmpy.s3 f20=f21,f22
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpnmpy.s3 f20=f21,f22
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpma.s0 f20=f21,f1,f23
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpms.s0 f20=f21,f22,f0
	nop.i 0 ;;
}

// ---- F2 xma and xmpy
{ .mfi
	nop.m 0
	xma.l f30=f31,f32,f33
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	xmpy.l f30=f31,f32
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	xma.lu f30=f31,f32,f33
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	xmpy.lu f30=f31,f32
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	xma.h f30=f31,f32,f33
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	xmpy.h f30=f31,f32
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	xma.hu f30=f31,f32,f33
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	xmpy.hu f30=f31,f32
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	(p5) xma.hu f127=f0,f127,f1
	nop.i 0 ;;
}

// ---- F3 fselect
{ .mfi
	nop.m 0
	fselect f40=f41,f42,f43
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fselect f127=f0,f127,f0
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fselect f2=f1,f3,f0
	nop.i 0 ;;
}

// ---- F4 fcmp: every relation (incl. gas pseudo relations) x type x sf
{ .mfi
	nop.m 0
	fcmp.eq.s0 p6,p7=f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcmp.eq.unc.s0 p6,p7=f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcmp.lt.s0 p6,p7=f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcmp.lt.unc.s0 p6,p7=f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcmp.le.s0 p6,p7=f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcmp.le.unc.s0 p6,p7=f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcmp.unord.s0 p6,p7=f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcmp.unord.unc.s0 p6,p7=f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcmp.gt.s0 p6,p7=f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcmp.gt.unc.s0 p6,p7=f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcmp.ge.s0 p6,p7=f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcmp.ge.unc.s0 p6,p7=f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcmp.neq.s0 p6,p7=f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcmp.neq.unc.s0 p6,p7=f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcmp.nlt.s0 p6,p7=f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcmp.nlt.unc.s0 p6,p7=f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcmp.nle.s0 p6,p7=f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcmp.nle.unc.s0 p6,p7=f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcmp.ngt.s0 p6,p7=f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcmp.ngt.unc.s0 p6,p7=f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcmp.nge.s0 p6,p7=f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcmp.nge.unc.s0 p6,p7=f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcmp.ord.s0 p6,p7=f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcmp.ord.unc.s0 p6,p7=f8,f9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcmp.eq.s0 p1,p2=f3,f4
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcmp.unord.unc.s0 p63,p62=f127,f126
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcmp.eq.s1 p1,p2=f3,f4
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcmp.unord.unc.s1 p63,p62=f127,f126
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcmp.eq.s2 p1,p2=f3,f4
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcmp.unord.unc.s2 p63,p62=f127,f126
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcmp.eq.s3 p1,p2=f3,f4
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcmp.unord.unc.s3 p63,p62=f127,f126
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	(p63) fcmp.lt.s0 p1,p0=f0,f0
	nop.i 0 ;;
}

// ---- F5 fclass
{ .mfi
	nop.m 0
	fclass.m p6,p7=f8,0x1ff
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fclass.m p6,p7=f8,0x100
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fclass.m p6,p7=f8,0x1
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fclass.m p6,p7=f8,0x2
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fclass.m p6,p7=f8,0x3
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fclass.m p6,p7=f8,0x4
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fclass.m p6,p7=f8,0x80
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fclass.m p6,p7=f8,0xff
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fclass.m p6,p7=f8,0x0a5
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fclass.m p6,p7=f8,@nat
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fclass.m p6,p7=f8,@qnan|@snan
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fclass.m p6,p7=f8,@pos|@neg|@zero
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fclass.m p6,p7=f8,@unorm|@norm|@inf
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fclass.m.unc p6,p7=f8,0x100
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fclass.nm p6,p7=f8,0x100
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fclass.nm.unc p6,p7=f8,0x100
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fclass.m.unc p6,p7=f8,0x1ff
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fclass.nm p6,p7=f8,0x1ff
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fclass.nm.unc p6,p7=f8,0x1ff
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fclass.m.unc p6,p7=f8,0x3
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fclass.nm p6,p7=f8,0x3
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fclass.nm.unc p6,p7=f8,0x3
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	(p2) fclass.m p63,p0=f127,0x155
	nop.i 0 ;;
}

// ---- F6/F7 frcpa frsqrta fprcpa fprsqrta
{ .mfi
	nop.m 0
	frcpa.s0 f8,p6=f9,f10
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fprcpa.s0 f8,p6=f9,f10
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	frsqrta.s0 f8,p6=f10
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fprsqrta.s0 f8,p6=f10
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	frcpa.s1 f8,p6=f9,f10
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fprcpa.s1 f8,p6=f9,f10
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	frsqrta.s1 f8,p6=f10
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fprsqrta.s1 f8,p6=f10
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	frcpa.s2 f8,p6=f9,f10
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fprcpa.s2 f8,p6=f9,f10
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	frsqrta.s2 f8,p6=f10
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fprsqrta.s2 f8,p6=f10
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	frcpa.s3 f8,p6=f9,f10
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fprcpa.s3 f8,p6=f9,f10
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	frsqrta.s3 f8,p6=f10
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fprsqrta.s3 f8,p6=f10
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	frcpa.s0 f127,p63=f127,f127
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	(p9) frsqrta.s3 f2,p0=f127
	nop.i 0 ;;
}

// ---- F8 min/max and fpcmp
{ .mfi
	nop.m 0
	fmin.s0 f50=f51,f52
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fmin.s1 f50=f51,f52
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fmin.s2 f50=f51,f52
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fmin.s3 f50=f51,f52
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fmax.s0 f50=f51,f52
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fmax.s1 f50=f51,f52
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fmax.s2 f50=f51,f52
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fmax.s3 f50=f51,f52
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	famin.s0 f50=f51,f52
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	famin.s1 f50=f51,f52
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	famin.s2 f50=f51,f52
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	famin.s3 f50=f51,f52
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	famax.s0 f50=f51,f52
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	famax.s1 f50=f51,f52
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	famax.s2 f50=f51,f52
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	famax.s3 f50=f51,f52
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpmin.s0 f50=f51,f52
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpmin.s1 f50=f51,f52
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpmin.s2 f50=f51,f52
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpmin.s3 f50=f51,f52
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpmax.s0 f50=f51,f52
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpmax.s1 f50=f51,f52
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpmax.s2 f50=f51,f52
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpmax.s3 f50=f51,f52
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpamin.s0 f50=f51,f52
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpamin.s1 f50=f51,f52
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpamin.s2 f50=f51,f52
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpamin.s3 f50=f51,f52
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpamax.s0 f50=f51,f52
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpamax.s1 f50=f51,f52
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpamax.s2 f50=f51,f52
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpamax.s3 f50=f51,f52
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.eq.s0 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.eq.s1 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.eq.s2 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.eq.s3 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.lt.s0 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.lt.s1 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.lt.s2 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.lt.s3 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.le.s0 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.le.s1 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.le.s2 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.le.s3 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.unord.s0 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.unord.s1 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.unord.s2 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.unord.s3 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.neq.s0 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.neq.s1 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.neq.s2 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.neq.s3 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.nlt.s0 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.nlt.s1 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.nlt.s2 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.nlt.s3 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.nle.s0 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.nle.s1 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.nle.s2 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.nle.s3 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.ord.s0 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.ord.s1 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.ord.s2 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.ord.s3 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.gt.s0 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.gt.s1 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.gt.s2 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.gt.s3 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.ge.s0 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.ge.s1 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.ge.s2 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.ge.s3 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.ngt.s0 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.ngt.s1 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.ngt.s2 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.ngt.s3 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.nge.s0 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.nge.s1 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.nge.s2 f60=f61,f62
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcmp.nge.s3 f60=f61,f62
	nop.i 0 ;;
}

// ---- F9 merge, mix, pack, swap, logic
{ .mfi
	nop.m 0
	fmerge.s f70=f71,f72
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fmerge.s f70=f71,f71
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fmerge.s f70=f0,f72
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fmerge.s f70=f0,f0
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fmerge.s f70=f72,f0
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fmerge.ns f70=f71,f72
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fmerge.ns f70=f71,f71
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fmerge.ns f70=f0,f72
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fmerge.ns f70=f0,f0
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fmerge.ns f70=f72,f0
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fmerge.se f70=f71,f72
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fmerge.se f70=f71,f71
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fmerge.se f70=f0,f72
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fmerge.se f70=f0,f0
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fmerge.se f70=f72,f0
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpmerge.s f70=f71,f72
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpmerge.s f70=f71,f71
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpmerge.s f70=f0,f72
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpmerge.s f70=f0,f0
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpmerge.s f70=f72,f0
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpmerge.ns f70=f71,f72
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpmerge.ns f70=f71,f71
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpmerge.ns f70=f0,f72
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpmerge.ns f70=f0,f0
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpmerge.ns f70=f72,f0
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpmerge.se f70=f71,f72
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpmerge.se f70=f71,f71
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpmerge.se f70=f0,f72
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpmerge.se f70=f0,f0
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpmerge.se f70=f72,f0
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	mov f70=f71
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	mov f2=f127
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fneg f70=f71
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fabs f70=f71
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fnegabs f70=f71
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpneg f70=f71
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpabs f70=f71
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpnegabs f70=f71
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fmix.l f80=f81,f82
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fmix.r f80=f81,f82
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fmix.lr f80=f81,f82
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fsxt.l f80=f81,f82
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fsxt.r f80=f81,f82
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpack f80=f81,f82
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fswap f80=f81,f82
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fswap.nl f80=f81,f82
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fswap.nr f80=f81,f82
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fand f80=f81,f82
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fandcm f80=f81,f82
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	for f80=f81,f82
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fxor f80=f81,f82
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	(p3) fxor f127=f127,f127
	nop.i 0 ;;
}

// ---- F10/F11 conversions
{ .mfi
	nop.m 0
	fcvt.fx.s0 f90=f91
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcvt.fx.s1 f90=f91
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcvt.fx.s2 f90=f91
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcvt.fx.s3 f90=f91
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcvt.fxu.s0 f90=f91
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcvt.fxu.s1 f90=f91
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcvt.fxu.s2 f90=f91
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcvt.fxu.s3 f90=f91
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcvt.fx.trunc.s0 f90=f91
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcvt.fx.trunc.s1 f90=f91
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcvt.fx.trunc.s2 f90=f91
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcvt.fx.trunc.s3 f90=f91
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcvt.fxu.trunc.s0 f90=f91
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcvt.fxu.trunc.s1 f90=f91
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcvt.fxu.trunc.s2 f90=f91
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcvt.fxu.trunc.s3 f90=f91
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcvt.fx.s0 f90=f91
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcvt.fx.s1 f90=f91
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcvt.fx.s2 f90=f91
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcvt.fx.s3 f90=f91
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcvt.fxu.s0 f90=f91
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcvt.fxu.s1 f90=f91
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcvt.fxu.s2 f90=f91
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcvt.fxu.s3 f90=f91
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcvt.fx.trunc.s0 f90=f91
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcvt.fx.trunc.s1 f90=f91
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcvt.fx.trunc.s2 f90=f91
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcvt.fx.trunc.s3 f90=f91
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcvt.fxu.trunc.s0 f90=f91
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcvt.fxu.trunc.s1 f90=f91
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcvt.fxu.trunc.s2 f90=f91
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fpcvt.fxu.trunc.s3 f90=f91
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcvt.xf f90=f91
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fcvt.xf f127=f0
	nop.i 0 ;;
}

// ---- F12/F13/F14 status field control
{ .mfi
	nop.m 0
	fsetc.s0 0x7f,0x0
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fclrf.s0
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fsetc.s1 0x7f,0x0
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fclrf.s1
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fsetc.s2 0x7f,0x0
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fclrf.s2
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fsetc.s3 0x7f,0x0
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fclrf.s3
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fsetc.s0 0x0,0x7f
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fsetc.s1 0x15,0x2a
	nop.i 0 ;;
}
back:
{ .mfi
	nop.m 0
	fchkf.s0 back
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fchkf.s0 fwd
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fchkf.s1 back
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fchkf.s1 fwd
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fchkf.s2 back
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fchkf.s2 fwd
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fchkf.s3 back
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	fchkf.s3 fwd
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	(p4) fchkf.s0 back
	nop.i 0 ;;
}

// ---- F15/F16 break, nop, hint
{ .mfi
	nop.m 0
	break.f 0
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	nop.f 0
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	hint.f 0
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	break.f 1
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	nop.f 1
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	hint.f 1
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	break.f 0x9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	nop.f 0x9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	hint.f 0x9
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	break.f 0xa
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	nop.f 0xa
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	hint.f 0xa
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	break.f 0xfffff
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	nop.f 0xfffff
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	hint.f 0xfffff
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	break.f 0x100000
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	nop.f 0x100000
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	hint.f 0x100000
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	break.f 0x1fffff
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	nop.f 0x1fffff
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	hint.f 0x1fffff
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	break.f 0x12345
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	nop.f 0x12345
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	hint.f 0x12345
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	hint.f @pause
	nop.i 0 ;;
}
{ .mfi
	nop.m 0
	(p63) break.f 0x80000
	nop.i 0 ;;
}
fwd:
{ .mfi
	nop.m 0
	nop.f 0
	nop.i 0 ;;
}
