// I-unit corpus for tools/objdiff (formats I1..I30, every mnemonic and
// completer objdump knows for major opcodes 0..7 in I slots).
// Assemble: ia64-linux-gnu-as -xexplicit i.s -o i.o
//           ia64-linux-gnu-objcopy -O binary -j .text i.o i.bin
// Check:    objdiff --raw i.bin
	.text
	.global _start
_start:
back:
{ .mii
	nop.m 0
	pmpyshr2 r1=r2,r3,0 ;;
	pmpyshr2.u r127=r126,r125,0 ;;
}
{ .mii
	nop.m 0
	pmpyshr2 r1=r2,r3,7 ;;
	pmpyshr2.u r127=r126,r125,7
}
{ .mii
	nop.m 0
	pmpyshr2 r1=r2,r3,15
	pmpyshr2.u r127=r126,r125,15 ;;
}
{ .mii
	nop.m 0
	pmpyshr2 r1=r2,r3,16
	pmpyshr2.u r127=r126,r125,16
}
{ .mii
	nop.m 0
	pmpy2.r r4=r5,r6 ;;
	pmpy2.l r4=r5,r6 ;;
}
{ .mii
	nop.m 0
	mix1.l r4=r5,r6 ;;
	mix1.r r4=r5,r6
}
{ .mii
	nop.m 0
	mix2.l r4=r5,r6
	mix2.r r4=r5,r6 ;;
}
{ .mii
	nop.m 0
	mix4.l r4=r5,r6
	mix4.r r4=r5,r6
}
{ .mii
	nop.m 0
	pack2.sss r4=r5,r6 ;;
	pack2.uss r4=r5,r6 ;;
}
{ .mii
	nop.m 0
	pack4.sss r4=r5,r6 ;;
	unpack1.h r4=r5,r6
}
{ .mii
	nop.m 0
	unpack1.l r4=r5,r6
	unpack2.h r4=r5,r6 ;;
}
{ .mii
	nop.m 0
	unpack2.l r4=r5,r6
	unpack4.h r4=r5,r6
}
{ .mii
	nop.m 0
	unpack4.l r4=r5,r6 ;;
	pmin1.u r4=r5,r6 ;;
}
{ .mii
	nop.m 0
	pmax1.u r4=r5,r6 ;;
	pmin2 r4=r5,r6
}
{ .mii
	nop.m 0
	pmax2 r4=r5,r6
	psad1 r4=r5,r6 ;;
}
{ .mii
	nop.m 0
	mpy4 r4=r5,r6
	mpyshl4 r4=r5,r6
}
{ .mii
	nop.m 0
	mix1.l r127=r0,r127 ;;
	psad1 r1=r127,r0 ;;
}
{ .mii
	nop.m 0
	mux1 r7=r8,@brcst ;;
	mux1 r7=r8,@mix
}
{ .mii
	nop.m 0
	mux1 r7=r8,@shuf
	mux1 r7=r8,@alt ;;
}
{ .mii
	nop.m 0
	mux1 r7=r8,@rev
	mux1 r7=r8,1
}
{ .mii
	nop.m 0
	mux1 r7=r8,5 ;;
	mux1 r7=r8,7 ;;
}
{ .mii
	nop.m 0
	mux1 r7=r8,12 ;;
	mux1 r7=r8,15
}
{ .mii
	nop.m 0
	mux2 r9=r10,0x0
	mux2 r9=r10,0xff ;;
}
{ .mii
	nop.m 0
	mux2 r9=r10,0x1b
	mux2 r9=r10,0x44
}
{ .mii
	nop.m 0
	mux2 r9=r10,0x80 ;;
	pshr2 r11=r12,r13 ;;
}
{ .mii
	nop.m 0
	pshr2.u r11=r12,r13 ;;
	pshr4 r11=r12,r13
}
{ .mii
	nop.m 0
	pshr4.u r11=r12,r13
	shr r11=r12,r13 ;;
}
{ .mii
	nop.m 0
	shr.u r11=r12,r13
	pshl2 r11=r12,r13
}
{ .mii
	nop.m 0
	pshl4 r11=r12,r13 ;;
	shl r11=r12,r13 ;;
}
{ .mii
	nop.m 0
	shr.u r127=r126,r0 ;;
	pshr2 r14=r15,0
}
{ .mii
	nop.m 0
	pshr2 r14=r15,1
	pshr2 r14=r15,16 ;;
}
{ .mii
	nop.m 0
	pshr2 r14=r15,31
	pshr2.u r14=r15,0
}
{ .mii
	nop.m 0
	pshr2.u r14=r15,1 ;;
	pshr2.u r14=r15,16 ;;
}
{ .mii
	nop.m 0
	pshr2.u r14=r15,31 ;;
	pshr4 r14=r15,0
}
{ .mii
	nop.m 0
	pshr4 r14=r15,1
	pshr4 r14=r15,16 ;;
}
{ .mii
	nop.m 0
	pshr4 r14=r15,31
	pshr4.u r14=r15,0
}
{ .mii
	nop.m 0
	pshr4.u r14=r15,1 ;;
	pshr4.u r14=r15,16 ;;
}
{ .mii
	nop.m 0
	pshr4.u r14=r15,31 ;;
	pshl2 r14=r15,0
}
{ .mii
	nop.m 0
	pshl2 r14=r15,1
	pshl2 r14=r15,16 ;;
}
{ .mii
	nop.m 0
	pshl2 r14=r15,31
	pshl4 r14=r15,0
}
{ .mii
	nop.m 0
	pshl4 r14=r15,1 ;;
	pshl4 r14=r15,16 ;;
}
{ .mii
	nop.m 0
	pshl4 r14=r15,31 ;;
	popcnt r16=r17
}
{ .mii
	nop.m 0
	clz r18=r19
	popcnt r127=r0 ;;
}
{ .mii
	nop.m 0
	clz r1=r127
	shrp r20=r21,r22,0
}
{ .mii
	nop.m 0
	shrp r20=r21,r22,1 ;;
	shrp r20=r21,r22,32 ;;
}
{ .mii
	nop.m 0
	shrp r20=r21,r22,63 ;;
	extr r23=r24,0,1
}
{ .mii
	nop.m 0
	extr r23=r24,0,63
	extr r23=r24,5,8 ;;
}
{ .mii
	nop.m 0
	extr r23=r24,63,1
	extr r23=r24,32,16
}
{ .mii
	nop.m 0
	extr r23=r24,1,64 ;;
	extr r23=r24,40,40 ;;
}
{ .mii
	nop.m 0
	extr r23=r24,10,54 ;;
	extr.u r23=r24,0,1
}
{ .mii
	nop.m 0
	extr.u r23=r24,0,63
	extr.u r23=r24,5,8 ;;
}
{ .mii
	nop.m 0
	extr.u r23=r24,63,1
	extr.u r23=r24,32,16
}
{ .mii
	nop.m 0
	extr.u r23=r24,1,64 ;;
	extr.u r23=r24,40,40 ;;
}
{ .mii
	nop.m 0
	extr.u r23=r24,10,54 ;;
	shr r25=r26,7
}
{ .mii
	nop.m 0
	shr.u r25=r26,63
	shr.u r25=r26,0 ;;
}
{ .mii
	nop.m 0
	dep.z r27=r28,0,1
	dep.z r27=r28,0,63
}
{ .mii
	nop.m 0
	dep.z r27=r28,5,8 ;;
	dep.z r27=r28,63,1 ;;
}
{ .mii
	nop.m 0
	dep.z r27=r28,32,16 ;;
	dep.z r27=r28,40,40
}
{ .mii
	nop.m 0
	dep.z r27=r28,10,54
	shl r29=r30,0 ;;
}
{ .mii
	nop.m 0
	shl r29=r30,13
	shl r29=r30,63
}
{ .mii
	nop.m 0
	dep.z r31=0,0,1 ;;
	dep.z r31=127,0,64 ;;
}
{ .mii
	nop.m 0
	dep.z r31=-128,63,1 ;;
	dep.z r31=-1,8,8
}
{ .mii
	nop.m 0
	dep.z r31=1,61,3
	dep.z r31=85,12,34 ;;
}
{ .mii
	nop.m 0
	dep r32=0,r33,0,1
	dep r32=0,r33,63,1
}
{ .mii
	nop.m 0
	dep r32=0,r33,10,16 ;;
	dep r32=0,r33,0,64 ;;
}
{ .mii
	nop.m 0
	dep r32=0,r33,33,31 ;;
	dep r32=-1,r33,0,1
}
{ .mii
	nop.m 0
	dep r32=-1,r33,63,1
	dep r32=-1,r33,10,16 ;;
}
{ .mii
	nop.m 0
	dep r32=-1,r33,0,64
	dep r32=-1,r33,33,31
}
{ .mii
	nop.m 0
	dep r34=r35,r36,0,1 ;;
	dep r34=r35,r36,63,16 ;;
}
{ .mii
	nop.m 0
	dep r34=r35,r36,10,16 ;;
	dep r34=r35,r36,17,3
}
{ .mii
	nop.m 0
	dep r34=r35,r36,48,8
	dep r127=r0,r127,0,16 ;;
}
{ .mii
	nop.m 0
	tbit.z p1,p2=r37,5
	tnat.z p3,p4=r38
}
{ .mii
	nop.m 0
	tf.z p5,p6=33 ;;
	tbit.nz p1,p2=r37,5 ;;
}
{ .mii
	nop.m 0
	tnat.nz p3,p4=r38 ;;
	tf.nz p5,p6=33
}
{ .mii
	nop.m 0
	tbit.z.unc p1,p2=r37,5
	tnat.z.unc p3,p4=r38 ;;
}
{ .mii
	nop.m 0
	tf.z.unc p5,p6=33
	tbit.nz.unc p1,p2=r37,5
}
{ .mii
	nop.m 0
	tnat.nz.unc p3,p4=r38 ;;
	tf.nz.unc p5,p6=33 ;;
}
{ .mii
	nop.m 0
	tbit.z.and p1,p2=r37,5 ;;
	tnat.z.and p3,p4=r38
}
{ .mii
	nop.m 0
	tf.z.and p5,p6=33
	tbit.nz.and p1,p2=r37,5 ;;
}
{ .mii
	nop.m 0
	tnat.nz.and p3,p4=r38
	tf.nz.and p5,p6=33
}
{ .mii
	nop.m 0
	tbit.z.or p1,p2=r37,5 ;;
	tnat.z.or p3,p4=r38 ;;
}
{ .mii
	nop.m 0
	tf.z.or p5,p6=33 ;;
	tbit.nz.or p1,p2=r37,5
}
{ .mii
	nop.m 0
	tnat.nz.or p3,p4=r38
	tf.nz.or p5,p6=33 ;;
}
{ .mii
	nop.m 0
	tbit.z.or.andcm p1,p2=r37,5
	tnat.z.or.andcm p3,p4=r38
}
{ .mii
	nop.m 0
	tf.z.or.andcm p5,p6=33 ;;
	tbit.nz.or.andcm p1,p2=r37,5 ;;
}
{ .mii
	nop.m 0
	tnat.nz.or.andcm p3,p4=r38 ;;
	tf.nz.or.andcm p5,p6=33
}
{ .mii
	nop.m 0
	tbit.z.andcm p1,p2=r37,5
	tnat.z.andcm p3,p4=r38 ;;
}
{ .mii
	nop.m 0
	tf.z.andcm p5,p6=33
	tbit.nz.andcm p1,p2=r37,5
}
{ .mii
	nop.m 0
	tnat.nz.andcm p3,p4=r38 ;;
	tf.nz.andcm p5,p6=33 ;;
}
{ .mii
	nop.m 0
	tbit.z.orcm p1,p2=r37,5 ;;
	tnat.z.orcm p3,p4=r38
}
{ .mii
	nop.m 0
	tf.z.orcm p5,p6=33
	tbit.nz.orcm p1,p2=r37,5 ;;
}
{ .mii
	nop.m 0
	tnat.nz.orcm p3,p4=r38
	tf.nz.orcm p5,p6=33
}
{ .mii
	nop.m 0
	tbit.z.and.orcm p1,p2=r37,5 ;;
	tnat.z.and.orcm p3,p4=r38 ;;
}
{ .mii
	nop.m 0
	tf.z.and.orcm p5,p6=33 ;;
	tbit.nz.and.orcm p1,p2=r37,5
}
{ .mii
	nop.m 0
	tnat.nz.and.orcm p3,p4=r38
	tf.nz.and.orcm p5,p6=33 ;;
}
{ .mii
	nop.m 0
	tbit.z p63,p62=r127,63
	tbit.nz p0,p63=r0,0
}
{ .mii
	nop.m 0
	tnat.nz.unc p63,p0=r127 ;;
	tf.z p1,p2=32 ;;
}
{ .mii
	nop.m 0
	tf.nz p1,p2=63 ;;
	break.i 0x0
}
{ .mii
	nop.m 0
	nop.i 0x0
	hint.i 0x0 ;;
}
{ .mii
	nop.m 0
	break.i 0x1
	nop.i 0x1
}
{ .mii
	nop.m 0
	hint.i 0x1 ;;
	break.i 0x12345 ;;
}
{ .mii
	nop.m 0
	nop.i 0x12345 ;;
	hint.i 0x12345
}
{ .mii
	nop.m 0
	break.i 0xfffff
	nop.i 0xfffff ;;
}
{ .mii
	nop.m 0
	hint.i 0xfffff
	break.i 0x100000
}
{ .mii
	nop.m 0
	nop.i 0x100000 ;;
	hint.i 0x100000 ;;
}
{ .mii
	nop.m 0
	break.i 0x1fffff ;;
	nop.i 0x1fffff
}
{ .mii
	nop.m 0
	hint.i 0x1fffff
	hint.i @pause ;;
}
{ .mii
	nop.m 0
	chk.s.i r39,back
	chk.s.i r0,fwd
}
{ .mii
	nop.m 0
	chk.s r127,fwd ;;
	mov b1=r40 ;;
}
{ .mii
	nop.m 0
	mov b7=r127 ;;
	mov b0=r0
}
{ .mii
	nop.m 0
	mov b2=r41,back
	mov b2=r41,fwd ;;
}
{ .mii
	nop.m 0
	mov.imp b3=r42,back
	mov.imp b4=r43,fwd
}
{ .mii
	nop.m 0
	mov.ret b3=r42,back ;;
	mov.ret b4=r43,fwd ;;
}
{ .mii
	nop.m 0
	mov.ret.imp b3=r42,back ;;
	mov.ret.imp b4=r43,fwd
}
{ .mii
	nop.m 0
	mov.sptk b3=r42,back
	mov.sptk b4=r43,fwd ;;
}
{ .mii
	nop.m 0
	mov.sptk.imp b3=r42,back
	mov.sptk.imp b4=r43,fwd
}
{ .mii
	nop.m 0
	mov.ret.sptk b3=r42,back ;;
	mov.ret.sptk b4=r43,fwd ;;
}
{ .mii
	nop.m 0
	mov.ret.sptk.imp b3=r42,back ;;
	mov.ret.sptk.imp b4=r43,fwd
}
{ .mii
	nop.m 0
	mov.dptk b3=r42,back
	mov.dptk b4=r43,fwd ;;
}
{ .mii
	nop.m 0
	mov.dptk.imp b3=r42,back
	mov.dptk.imp b4=r43,fwd
}
{ .mii
	nop.m 0
	mov.ret.dptk b3=r42,back ;;
	mov.ret.dptk b4=r43,fwd ;;
}
{ .mii
	nop.m 0
	mov.ret.dptk.imp b3=r42,back ;;
	mov.ret.dptk.imp b4=r43,fwd
}
{ .mii
	nop.m 0
	mov r44=b0
	mov r44=b1 ;;
}
{ .mii
	nop.m 0
	mov r44=b2
	mov r44=b3
}
{ .mii
	nop.m 0
	mov r44=b4 ;;
	mov r44=b5 ;;
}
{ .mii
	nop.m 0
	mov r44=b6 ;;
	mov r44=b7
}
{ .mii
	nop.m 0
	mov r127=ip
	mov r45=pr ;;
}
{ .mii
	nop.m 0
	mov pr=r46,-1
	mov pr=r46,0x1234
}
{ .mii
	nop.m 0
	mov pr=r46,0x1fffe ;;
	mov pr=r46,0 ;;
}
{ .mii
	nop.m 0
	mov pr=r46,-0x10000 ;;
	mov pr=r46,0x2
}
{ .mii
	nop.m 0
	mov pr=r47
	mov pr.rot=0x3ff0000 ;;
}
{ .mii
	nop.m 0
	mov pr.rot=-0x10000
	mov pr.rot=0
}
{ .mii
	nop.m 0
	mov pr.rot=0x7ffffff0000 ;;
	mov pr.rot=-0x80000000000 ;;
}
{ .mii
	nop.m 0
	mov pr.rot=0x10000 ;;
	mov.i ar.pfs=r48
}
{ .mii
	nop.m 0
	mov.i r49=ar.pfs
	mov.i ar.pfs=-128 ;;
}
{ .mii
	nop.m 0
	mov.i ar.pfs=127
	mov.i ar.pfs=0
}
{ .mii
	nop.m 0
	mov.i ar.pfs=-1 ;;
	mov.i ar.lc=r48 ;;
}
{ .mii
	nop.m 0
	mov.i r49=ar.lc ;;
	mov.i ar.lc=-128
}
{ .mii
	nop.m 0
	mov.i ar.lc=127
	mov.i ar.lc=0 ;;
}
{ .mii
	nop.m 0
	mov.i ar.lc=-1
	mov.i ar.ec=r48
}
{ .mii
	nop.m 0
	mov.i r49=ar.ec ;;
	mov.i ar.ec=-128 ;;
}
{ .mii
	nop.m 0
	mov.i ar.ec=127 ;;
	mov.i ar.ec=0
}
{ .mii
	nop.m 0
	mov.i ar.ec=-1
	mov.i ar48=r48 ;;
}
{ .mii
	nop.m 0
	mov.i r49=ar48
	mov.i ar48=-128
}
{ .mii
	nop.m 0
	mov.i ar48=127 ;;
	mov.i ar48=0 ;;
}
{ .mii
	nop.m 0
	mov.i ar48=-1 ;;
	mov.i ar127=r48
}
{ .mii
	nop.m 0
	mov.i r49=ar127
	mov.i ar127=-128 ;;
}
{ .mii
	nop.m 0
	mov.i ar127=127
	mov.i ar127=0
}
{ .mii
	nop.m 0
	mov.i ar127=-1 ;;
	mov.i ar112=r48 ;;
}
{ .mii
	nop.m 0
	mov.i r49=ar112 ;;
	mov.i ar112=-128
}
{ .mii
	nop.m 0
	mov.i ar112=127
	mov.i ar112=0 ;;
}
{ .mii
	nop.m 0
	mov.i ar112=-1
	mov ar.lc=r50
}
{ .mii
	nop.m 0
	mov r51=ar.ec ;;
	mov ar.pfs=5 ;;
}
{ .mii
	nop.m 0
	zxt1 r52=r53 ;;
	zxt2 r52=r53
}
{ .mii
	nop.m 0
	zxt4 r52=r53
	sxt1 r52=r53 ;;
}
{ .mii
	nop.m 0
	sxt2 r52=r53
	sxt4 r52=r53
}
{ .mii
	nop.m 0
	czx1.l r52=r53 ;;
	czx2.l r52=r53 ;;
}
{ .mii
	nop.m 0
	czx1.r r52=r53 ;;
	czx2.r r52=r53
}
{ .mii
	nop.m 0
	zxt4 r127=r0
	sxt1 r1=r127 ;;
}
{ .mii
	nop.m 0
	(p1) pmin2 r54=r55,r56
	(p63) shrp r57=r58,r59,9
}
{ .mii
	nop.m 0
	(p7) mov pr=r60,0xff ;;
	(p12) break.i 0x3 ;;
}
{ .mii
	nop.m 0
	(p2) chk.s.i r61,back ;;
	(p3) mov.ret b5=r62,fwd
}
{ .mii
	nop.m 0
	(p4) tbit.z.and p5,p6=r63,7
	(p5) mov.i ar.lc=r64 ;;
}
{ .mii
	nop.m 0
	(p6) mov pr.rot=0x20000
	nop.i 0
}
// Raw bundles: { .mii nop.m 0; <slot>; nop.i 0 }
// mov b3=r4 with timm9c=0x1ff, bits 9..12 and bit 36 set
	data8 0x27b0000100000000, 0x000400000007ffc4
// tnat.z with bits 14..18 set
	data8 0xf810000100000000, 0x0004000000280425
// tf.z.unc with r3 field set
	data8 0x3c10000100000000, 0x00040000002805fe
// popcnt with r2 field and bit 27 set
	data8 0xa850000100000000, 0x000400000039a61a
// clz with r2 field set
	data8 0xf850000100000000, 0x000400000039b41b
// zxt1 with r2 field and bit 36 set
	data8 0x5070000100000000, 0x0004000000042021
// break.i with bit 26 set
	data8 0xfff0000100000000, 0x00040000000401ff
// mov r=ip with r2/r3 fields set
	data8 0xf890000100000000, 0x00040000000061ff
// extr with bit 36 set
	data8 0x38b0000100000000, 0x00040000002d0828
// mux1 @rev with bits 24..27 set
	data8 0x60d0000100000000, 0x00040000003b2bec
// pmpyshr2 with bit 27 set
	data8 0x7900000100000000, 0x000400000038ae38
// dep.z reg with bit 36 set
	data8 0x8920000100000000, 0x00040000002d861c
// shrp with bit 36 set
	data8 0xa150000100000000, 0x00040000002f124c
// mov pr=r with bits 20..23 and 32 set
	data8 0xb550000100000000, 0x000400000001c03c
// dep imm1 with bit 13 set
	data8 0x5980000100000000, 0x00040000002b8c5c
// mov.i r=ar with r2 field set
	data8 0x8990000100000000, 0x0004000000006504
// mov r=b with bits 16..26 set
	data8 0xe9a0000100000000, 0x00040000000063ff
// mov.i ar=r with r1 field set
	data8 0xdff0000100000000, 0x0004000000005508
// chk.s.i with the sign bit: a backward target
	data8 0xe7f0000100000000, 0x000400000004fffc
fwd:
{ .mii
	nop.m 0
	nop.i 0
	nop.i 0 ;;
}
