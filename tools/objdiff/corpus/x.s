// X-unit (MLX long instructions, SDM Vol. 3 formats X1-X5) disassembler corpus.
// Assembled with ia64-linux-gnu-as -xexplicit.  Slot 0 of each MLX bundle holds
// an A-unit instruction so that the corpus depends on no other unit.
// Long-branch targets are in two extra sections, to be placed far away by the
// linker (ld relaxes brl into br when the target is near):
//   ia64-linux-gnu-as -xexplicit -o x.o x.s
//   ia64-linux-gnu-ld -Ttext=0x4000000000000000 --section-start=.farlo=0x100000 \
//       --section-start=.farhi=0xfffffffffff00000 -e _start -o x.elf x.o
//   ia64-linux-gnu-objcopy -O binary -j .text x.elf x.bin
//   objdiff --raw x.bin       (objdiff places the bytes at 0x4000000000000000)
// In x.o itself the brl fields are unrelocated (zero offsets).
	.text
	.global _start
_start:
back:
{ .mlx
	add r34=r11,r126
	movl r1=0
	
}
{ .mlx
	add r35=r12,r125
	movl r127=0xffffffffffffffff
	;;
}
{ .mlx
	add r36=r11,r124
	movl r2=0x8000000000000000
	
}
{ .mlx
	add r37=r12,r126
	movl r3=0x7fffffffffffffff
	;;
}
{ .mlx
	add r38=r11,r125
	movl r4=0x123456789abcdef0
	
}
{ .mlx
	add r39=r12,r124
	movl r5=-2
	;;
}
{ .mlx
	add r40=r11,r126
	movl r6=0x200000
	
}
{ .mlx
	add r41=r12,r125
	movl r7=0x1f0000
	;;
}
{ .mlx
	add r42=r11,r124
	movl r8=0xff80
	
}
{ .mlx
	add r43=r12,r126
	movl r9=0x7f
	;;
}
{ .mlx
	add r44=r11,r125
	movl r10=0x3fffffffffc00000
	
}
{ .mlx
	add r45=r12,r124
	movl r32=-9223372036854775807
	;;
}
{ .mlx
	add r46=r11,r126
	break.x 0
	
}
{ .mlx
	add r47=r12,r125
	break.x 0x3fffffffffffffff
	;;
}
{ .mlx
	add r48=r11,r124
	break.x 0x100000
	
}
{ .mlx
	add r49=r12,r126
	break.x 0xfffff
	;;
}
{ .mlx
	add r50=r11,r125
	break.x 0x1fffff
	
}
{ .mlx
	add r51=r12,r124
	break.x 0x3fffffffffe00000
	;;
}
{ .mlx
	add r52=r11,r126
	break.x 0x123456789abcdef
	
}
{ .mlx
	add r53=r12,r125
	nop.x 0
	;;
}
{ .mlx
	add r54=r11,r124
	nop.x 0x3fffffffffffffff
	
}
{ .mlx
	add r55=r12,r126
	nop.x 0x100000
	;;
}
{ .mlx
	add r56=r11,r125
	nop.x 0xfffff
	
}
{ .mlx
	add r57=r12,r124
	nop.x 0x1fffff
	;;
}
{ .mlx
	add r58=r11,r126
	nop.x 0x3fffffffffe00000
	
}
{ .mlx
	add r59=r12,r125
	nop.x 0x123456789abcdef
	;;
}
{ .mlx
	add r60=r11,r124
	hint.x 0
	
}
{ .mlx
	add r61=r12,r126
	hint.x 0x3fffffffffffffff
	;;
}
{ .mlx
	add r62=r11,r125
	hint.x 0x100000
	
}
{ .mlx
	add r63=r12,r124
	hint.x 0xfffff
	;;
}
{ .mlx
	add r64=r11,r126
	hint.x 0x1fffff
	
}
{ .mlx
	add r65=r12,r125
	hint.x 0x3fffffffffe00000
	;;
}
{ .mlx
	add r66=r11,r124
	hint.x 0x123456789abcdef
	
}
{ .mlx
	add r67=r12,r126
	brl.cond.sptk.few farhi
	;;
}
{ .mlx
	add r68=r11,r125
	brl.call.sptk.few b1=farlo+0x20
	
}
{ .mlx
	add r69=r12,r124
	brl.cond.sptk.few.clr farhi+0x10
	;;
}
{ .mlx
	add r70=r11,r126
	brl.call.sptk.few.clr b3=farlo
	
}
{ .mlx
	add r71=r12,r125
	brl.cond.sptk.many farhi
	;;
}
{ .mlx
	add r72=r11,r124
	brl.call.sptk.many b5=farlo+0x20
	
}
{ .mlx
	add r73=r12,r126
	brl.cond.sptk.many.clr farhi+0x10
	;;
}
{ .mlx
	add r74=r11,r125
	brl.call.sptk.many.clr b7=farlo
	
}
{ .mlx
	add r75=r12,r124
	brl.cond.spnt.few farhi
	;;
}
{ .mlx
	add r76=r11,r126
	brl.call.spnt.few b1=farlo+0x20
	
}
{ .mlx
	add r77=r12,r125
	brl.cond.spnt.few.clr farhi+0x10
	;;
}
{ .mlx
	add r78=r11,r124
	brl.call.spnt.few.clr b3=farlo
	
}
{ .mlx
	add r79=r12,r126
	brl.cond.spnt.many farhi
	;;
}
{ .mlx
	add r80=r11,r125
	brl.call.spnt.many b5=farlo+0x20
	
}
{ .mlx
	add r81=r12,r124
	brl.cond.spnt.many.clr farhi+0x10
	;;
}
{ .mlx
	add r82=r11,r126
	brl.call.spnt.many.clr b7=farlo
	
}
{ .mlx
	add r83=r12,r125
	brl.cond.dptk.few farhi
	;;
}
{ .mlx
	add r84=r11,r124
	brl.call.dptk.few b1=farlo+0x20
	
}
{ .mlx
	add r85=r12,r126
	brl.cond.dptk.few.clr farhi+0x10
	;;
}
{ .mlx
	add r86=r11,r125
	brl.call.dptk.few.clr b3=farlo
	
}
{ .mlx
	add r87=r12,r124
	brl.cond.dptk.many farhi
	;;
}
{ .mlx
	add r88=r11,r126
	brl.call.dptk.many b5=farlo+0x20
	
}
{ .mlx
	add r89=r12,r125
	brl.cond.dptk.many.clr farhi+0x10
	;;
}
{ .mlx
	add r90=r11,r124
	brl.call.dptk.many.clr b7=farlo
	
}
{ .mlx
	add r91=r12,r126
	brl.cond.dpnt.few farhi
	;;
}
{ .mlx
	add r92=r11,r125
	brl.call.dpnt.few b1=farlo+0x20
	
}
{ .mlx
	add r93=r12,r124
	brl.cond.dpnt.few.clr farhi+0x10
	;;
}
{ .mlx
	add r94=r11,r126
	brl.call.dpnt.few.clr b3=farlo
	
}
{ .mlx
	add r95=r12,r125
	brl.cond.dpnt.many farhi
	;;
}
{ .mlx
	add r96=r11,r124
	brl.call.dpnt.many b5=farlo+0x20
	
}
{ .mlx
	add r97=r12,r126
	brl.cond.dpnt.many.clr farhi+0x10
	;;
}
{ .mlx
	add r98=r11,r125
	brl.call.dpnt.many.clr b7=farlo
	
}
{ .mlx
	add r99=r12,r124
	brl farhi
	;;
}
{ .mlx
	add r100=r11,r126
	brl.few farlo+0x20
	
}
{ .mlx
	add r101=r12,r125
	brl.many farhi+0x10
	;;
}
{ .mlx
	add r102=r11,r124
	brl.few.clr farlo
	
}
{ .mlx
	add r103=r12,r126
	brl.sptk farhi
	;;
}
{ .mlx
	add r104=r11,r125
	brl.call.sptk b0=farlo+0x20
	
}
{ .mlx
	add r105=r12,r124
	brl.call.dpnt b7=farhi+0x10
	;;
}
{ .mlx
	add r106=r11,r126
	brl.cond.dptk farlo
	
}
{ .mlx
	add r107=r12,r125
	(p1) movl r33=0x8000000000000001
	;;
}
{ .mlx
	add r108=r11,r124
	(p5) break.x 0x1
	
}
{ .mlx
	add r109=r12,r126
	(p16) nop.x 0x2
	;;
}
{ .mlx
	add r110=r11,r125
	(p63) hint.x 0x3
	
}
{ .mlx
	add r111=r12,r124
	(p1) brl.cond.sptk.few farhi
	;;
}
{ .mlx
	add r112=r11,r126
	(p5) brl.cond.spnt.many.clr farlo+0x20
	
}
{ .mlx
	add r113=r12,r125
	(p16) brl.call.sptk.many b1=farhi+0x10
	;;
}
{ .mlx
	add r34=r11,r124
	(p2) brl.call.dptk.few b6=farlo
	
}
// Hand-encoded long branches with extreme 60-bit offsets (gas would need
// relocations for these): +2^63-16, -2^63, -16, +16, imm39-only, i-bit-only.
	.align 16
	data8 0xffff200006080804, 0xc0fffff0007fffff
	data8 0x0000200006080804, 0xdf000008e0000000
	data8 0xffff200006080805, 0xc9fffff804ffffff
	data8 0x0000200006080804, 0xd600001000000000
	data8 0xffff200006080804, 0xc0000008007fffff
	data8 0x0000200006080804, 0xd800000060000000
	data8 0x0000200006080805, 0xc6fffff81f800000
	data8 0x5555200006080805, 0xd1555550a0805555

	.section .farlo,"ax",@progbits
farlo:
{ .mii
	add r1=r2,r3
	add r4=r5,r6
	add r7=r8,r9 ;;
}
{ .mii
	add r1=r2,r3
	add r4=r5,r6
	add r7=r8,r9 ;;
}
{ .mii
	add r1=r2,r3
	add r4=r5,r6
	add r7=r8,r9 ;;
}

	.section .farhi,"ax",@progbits
farhi:
{ .mii
	add r1=r2,r3
	add r4=r5,r6
	add r7=r8,r9 ;;
}
{ .mii
	add r1=r2,r3
	add r4=r5,r6
	add r7=r8,r9 ;;
}
