// M-unit memory access corpus (major opcodes 4..7): every format and completer
// family of unit_m_mem.rs.  Assemble with: ia64-linux-gnu-as -xexplicit
// Each bundle is { M ;; M I ;; } so that the two memory slots never conflict.
	.text
	.global mmem_corpus
mmem_corpus:
	{ .mmi
	  ld1 r2=[r3] ;;
	  ld1.nt1 r127=[r127]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld1.d2 r5=[r0] ;;
	  ld1.nta r64=[r12]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld1.d4 r33=[r99] ;;
	  (p1) ld1.d5 r96=[r32]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ld1.d6 r17=[r4] ;;
	  (p17) ld1.d7 r126=[r126]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ld1 r8=[r63],r100 ;;
	  ld1.nt1 r41=[r1],r3
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld1.nta r70=[r65],r15 ;;
	  ld1 r120=[r110],-256
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld1.nt1 r55=[r3],255 ;;
	  ld1.nta r9=[r127],0
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ld2 r88=[r0] ;;
	  (p63) ld2.nt1 r2=[r12]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ld2.d2 r127=[r99] ;;
	  (p32) ld2.nta r5=[r32]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld2.d4 r64=[r4] ;;
	  ld2.d5 r33=[r126]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld2.d6 r96=[r63] ;;
	  ld2.d7 r17=[r1]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld2 r126=[r65],r8 ;;
	  (p1) ld2.nt1 r100=[r110],r41
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ld2.nta r3=[r127],r70 ;;
	  (p17) ld2 r15=[r12],-1
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ld2.nt1 r120=[r99],1 ;;
	  ld2.nta r55=[r32],8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld4 r9=[r4] ;;
	  ld4.nt1 r88=[r126]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld4.d2 r2=[r63] ;;
	  ld4.nta r127=[r1]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ld4.d4 r5=[r65] ;;
	  (p63) ld4.d5 r64=[r110]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ld4.d6 r33=[r3] ;;
	  (p32) ld4.d7 r96=[r127]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld4 r17=[r12],r126 ;;
	  ld4.nt1 r8=[r99],r100
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld4.nta r41=[r32],r3 ;;
	  ld4 r70=[r4],-8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld4.nt1 r15=[r126],128 ;;
	  (p1) ld4.nta r120=[r63],-129
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ld8 r55=[r1] ;;
	  (p17) ld8.nt1 r9=[r65]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ld8.d2 r88=[r110] ;;
	  ld8.nta r2=[r3]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.d4 r127=[r127] ;;
	  ld8.d5 r5=[r0]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.d6 r64=[r12] ;;
	  ld8.d7 r33=[r99]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ld8 r96=[r32],r17 ;;
	  (p63) ld8.nt1 r126=[r4],r8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ld8.nta r100=[r126],r41 ;;
	  (p32) ld8 r3=[r63],100
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.nt1 r70=[r1],-200 ;;
	  ld8.nta r15=[r65],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld1.s r120=[r110] ;;
	  ld1.s.nt1 r55=[r3]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld1.s.d2 r9=[r127] ;;
	  (p1) ld1.s.nta r88=[r0]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ld1.s.d4 r2=[r12] ;;
	  (p17) ld1.s.d5 r127=[r99]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ld1.s.d6 r5=[r32] ;;
	  ld1.s.d7 r64=[r4]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld1.s r33=[r126],r96 ;;
	  ld1.s.nt1 r17=[r63],r126
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld1.s.nta r8=[r1],r100 ;;
	  ld1.s r41=[r65],-256
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ld1.s.nt1 r3=[r110],255 ;;
	  (p63) ld1.s.nta r70=[r3],0
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ld2.s r15=[r127] ;;
	  (p32) ld2.s.nt1 r120=[r0]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld2.s.d2 r55=[r12] ;;
	  ld2.s.nta r9=[r99]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld2.s.d4 r88=[r32] ;;
	  ld2.s.d5 r2=[r4]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld2.s.d6 r127=[r126] ;;
	  (p1) ld2.s.d7 r5=[r63]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ld2.s r64=[r1],r33 ;;
	  (p17) ld2.s.nt1 r96=[r65],r17
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ld2.s.nta r126=[r110],r8 ;;
	  ld2.s r100=[r3],-1
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld2.s.nt1 r41=[r127],1 ;;
	  ld2.s.nta r3=[r12],8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld4.s r70=[r99] ;;
	  ld4.s.nt1 r15=[r32]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ld4.s.d2 r120=[r4] ;;
	  (p63) ld4.s.nta r55=[r126]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ld4.s.d4 r9=[r63] ;;
	  (p32) ld4.s.d5 r88=[r1]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld4.s.d6 r2=[r65] ;;
	  ld4.s.d7 r127=[r110]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld4.s r5=[r3],r64 ;;
	  ld4.s.nt1 r33=[r127],r96
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld4.s.nta r17=[r12],r126 ;;
	  (p1) ld4.s r8=[r99],-8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ld4.s.nt1 r100=[r32],128 ;;
	  (p17) ld4.s.nta r41=[r4],-129
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ld8.s r3=[r126] ;;
	  ld8.s.nt1 r70=[r63]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.s.d2 r15=[r1] ;;
	  ld8.s.nta r120=[r65]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.s.d4 r55=[r110] ;;
	  ld8.s.d5 r9=[r3]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ld8.s.d6 r88=[r127] ;;
	  (p63) ld8.s.d7 r2=[r0]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ld8.s r127=[r12],r5 ;;
	  (p32) ld8.s.nt1 r64=[r99],r33
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.s.nta r96=[r32],r17 ;;
	  ld8.s r126=[r4],100
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.s.nt1 r8=[r126],-200 ;;
	  ld8.s.nta r100=[r63],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld1.a r41=[r1] ;;
	  (p1) ld1.a.nt1 r3=[r65]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ld1.a.d2 r70=[r110] ;;
	  (p17) ld1.a.nta r15=[r3]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ld1.a.d4 r120=[r127] ;;
	  ld1.a.d5 r55=[r0]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld1.a.d6 r9=[r12] ;;
	  ld1.a.d7 r88=[r99]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld1.a r2=[r32],r127 ;;
	  ld1.a.nt1 r5=[r4],r64
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ld1.a.nta r33=[r126],r96 ;;
	  (p63) ld1.a r17=[r63],-256
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ld1.a.nt1 r126=[r1],255 ;;
	  (p32) ld1.a.nta r8=[r65],0
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld2.a r100=[r110] ;;
	  ld2.a.nt1 r41=[r3]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld2.a.d2 r3=[r127] ;;
	  ld2.a.nta r70=[r0]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld2.a.d4 r15=[r12] ;;
	  (p1) ld2.a.d5 r120=[r99]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ld2.a.d6 r55=[r32] ;;
	  (p17) ld2.a.d7 r9=[r4]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ld2.a r88=[r126],r2 ;;
	  ld2.a.nt1 r127=[r63],r5
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld2.a.nta r64=[r1],r33 ;;
	  ld2.a r96=[r65],-1
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld2.a.nt1 r17=[r110],1 ;;
	  ld2.a.nta r126=[r3],8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ld4.a r8=[r127] ;;
	  (p63) ld4.a.nt1 r100=[r0]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ld4.a.d2 r41=[r12] ;;
	  (p32) ld4.a.nta r3=[r99]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld4.a.d4 r70=[r32] ;;
	  ld4.a.d5 r15=[r4]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld4.a.d6 r120=[r126] ;;
	  ld4.a.d7 r55=[r63]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld4.a r9=[r1],r88 ;;
	  (p1) ld4.a.nt1 r2=[r65],r127
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ld4.a.nta r5=[r110],r64 ;;
	  (p17) ld4.a r33=[r3],-8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ld4.a.nt1 r96=[r127],128 ;;
	  ld4.a.nta r17=[r12],-129
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.a r126=[r99] ;;
	  ld8.a.nt1 r8=[r32]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.a.d2 r100=[r4] ;;
	  ld8.a.nta r41=[r126]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ld8.a.d4 r3=[r63] ;;
	  (p63) ld8.a.d5 r70=[r1]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ld8.a.d6 r15=[r65] ;;
	  (p32) ld8.a.d7 r120=[r110]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.a r55=[r3],r9 ;;
	  ld8.a.nt1 r88=[r127],r2
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.a.nta r127=[r12],r5 ;;
	  ld8.a r64=[r99],100
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.a.nt1 r33=[r32],-200 ;;
	  (p1) ld8.a.nta r96=[r4],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ld1.sa r17=[r126] ;;
	  (p17) ld1.sa.nt1 r126=[r63]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ld1.sa.d2 r8=[r1] ;;
	  ld1.sa.nta r100=[r65]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld1.sa.d4 r41=[r110] ;;
	  ld1.sa.d5 r3=[r3]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld1.sa.d6 r70=[r127] ;;
	  ld1.sa.d7 r15=[r0]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ld1.sa r120=[r12],r55 ;;
	  (p63) ld1.sa.nt1 r9=[r99],r88
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ld1.sa.nta r2=[r32],r127 ;;
	  (p32) ld1.sa r5=[r4],-256
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld1.sa.nt1 r64=[r126],255 ;;
	  ld1.sa.nta r33=[r63],0
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld2.sa r96=[r1] ;;
	  ld2.sa.nt1 r17=[r65]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld2.sa.d2 r126=[r110] ;;
	  (p1) ld2.sa.nta r8=[r3]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ld2.sa.d4 r100=[r127] ;;
	  (p17) ld2.sa.d5 r41=[r0]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ld2.sa.d6 r3=[r12] ;;
	  ld2.sa.d7 r70=[r99]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld2.sa r15=[r32],r120 ;;
	  ld2.sa.nt1 r55=[r4],r9
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld2.sa.nta r88=[r126],r2 ;;
	  ld2.sa r127=[r63],-1
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ld2.sa.nt1 r5=[r1],1 ;;
	  (p63) ld2.sa.nta r64=[r65],8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ld4.sa r33=[r110] ;;
	  (p32) ld4.sa.nt1 r96=[r3]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld4.sa.d2 r17=[r127] ;;
	  ld4.sa.nta r126=[r0]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld4.sa.d4 r8=[r12] ;;
	  ld4.sa.d5 r100=[r99]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld4.sa.d6 r41=[r32] ;;
	  (p1) ld4.sa.d7 r3=[r4]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ld4.sa r70=[r126],r15 ;;
	  (p17) ld4.sa.nt1 r120=[r63],r55
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ld4.sa.nta r9=[r1],r88 ;;
	  ld4.sa r2=[r65],-8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld4.sa.nt1 r127=[r110],128 ;;
	  ld4.sa.nta r5=[r3],-129
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.sa r64=[r127] ;;
	  ld8.sa.nt1 r33=[r0]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ld8.sa.d2 r96=[r12] ;;
	  (p63) ld8.sa.nta r17=[r99]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ld8.sa.d4 r126=[r32] ;;
	  (p32) ld8.sa.d5 r8=[r4]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.sa.d6 r100=[r126] ;;
	  ld8.sa.d7 r41=[r63]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.sa r3=[r1],r70 ;;
	  ld8.sa.nt1 r15=[r65],r120
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.sa.nta r55=[r110],r9 ;;
	  (p1) ld8.sa r88=[r3],100
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ld8.sa.nt1 r2=[r127],-200 ;;
	  (p17) ld8.sa.nta r127=[r12],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ld1.bias r5=[r99] ;;
	  ld1.bias.nt1 r64=[r32]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld1.bias.d2 r33=[r4] ;;
	  ld1.bias.nta r96=[r126]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld1.bias.d4 r17=[r63] ;;
	  ld1.bias.d5 r126=[r1]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ld1.bias.d6 r8=[r65] ;;
	  (p63) ld1.bias.d7 r100=[r110]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ld1.bias r41=[r3],r3 ;;
	  (p32) ld1.bias.nt1 r70=[r127],r15
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld1.bias.nta r120=[r12],r55 ;;
	  ld1.bias r9=[r99],-256
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld1.bias.nt1 r88=[r32],255 ;;
	  ld1.bias.nta r2=[r4],0
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld2.bias r127=[r126] ;;
	  (p1) ld2.bias.nt1 r5=[r63]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ld2.bias.d2 r64=[r1] ;;
	  (p17) ld2.bias.nta r33=[r65]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ld2.bias.d4 r96=[r110] ;;
	  ld2.bias.d5 r17=[r3]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld2.bias.d6 r126=[r127] ;;
	  ld2.bias.d7 r8=[r0]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld2.bias r100=[r12],r41 ;;
	  ld2.bias.nt1 r3=[r99],r70
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ld2.bias.nta r15=[r32],r120 ;;
	  (p63) ld2.bias r55=[r4],-1
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ld2.bias.nt1 r9=[r126],1 ;;
	  (p32) ld2.bias.nta r88=[r63],8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld4.bias r2=[r1] ;;
	  ld4.bias.nt1 r127=[r65]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld4.bias.d2 r5=[r110] ;;
	  ld4.bias.nta r64=[r3]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld4.bias.d4 r33=[r127] ;;
	  (p1) ld4.bias.d5 r96=[r0]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ld4.bias.d6 r17=[r12] ;;
	  (p17) ld4.bias.d7 r126=[r99]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ld4.bias r8=[r32],r100 ;;
	  ld4.bias.nt1 r41=[r4],r3
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld4.bias.nta r70=[r126],r15 ;;
	  ld4.bias r120=[r63],-8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld4.bias.nt1 r55=[r1],128 ;;
	  ld4.bias.nta r9=[r65],-129
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ld8.bias r88=[r110] ;;
	  (p63) ld8.bias.nt1 r2=[r3]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ld8.bias.d2 r127=[r127] ;;
	  (p32) ld8.bias.nta r5=[r0]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.bias.d4 r64=[r12] ;;
	  ld8.bias.d5 r33=[r99]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.bias.d6 r96=[r32] ;;
	  ld8.bias.d7 r17=[r4]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.bias r126=[r63],r8 ;;
	  (p1) ld8.bias.nt1 r100=[r1],r41
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ld8.bias.nta r3=[r65],r70 ;;
	  (p17) ld8.bias r15=[r110],100
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ld8.bias.nt1 r120=[r3],-200 ;;
	  ld8.bias.nta r55=[r127],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld1.acq r9=[r0] ;;
	  ld1.acq.nt1 r88=[r12]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld1.acq.d2 r2=[r99] ;;
	  ld1.acq.nta r127=[r32]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ld1.acq.d4 r5=[r4] ;;
	  (p63) ld1.acq.d5 r64=[r126]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ld1.acq.d6 r33=[r63] ;;
	  (p32) ld1.acq.d7 r96=[r1]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld1.acq r17=[r65],r126 ;;
	  ld1.acq.nt1 r8=[r110],r100
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld1.acq.nta r41=[r3],r3 ;;
	  ld1.acq r70=[r127],-256
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld1.acq.nt1 r15=[r12],255 ;;
	  (p1) ld1.acq.nta r120=[r99],0
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ld2.acq r55=[r32] ;;
	  (p17) ld2.acq.nt1 r9=[r4]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ld2.acq.d2 r88=[r126] ;;
	  ld2.acq.nta r2=[r63]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld2.acq.d4 r127=[r1] ;;
	  ld2.acq.d5 r5=[r65]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld2.acq.d6 r64=[r110] ;;
	  ld2.acq.d7 r33=[r3]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ld2.acq r96=[r127],r17 ;;
	  (p63) ld2.acq.nt1 r126=[r12],r8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ld2.acq.nta r100=[r99],r41 ;;
	  (p32) ld2.acq r3=[r32],-1
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld2.acq.nt1 r70=[r4],1 ;;
	  ld2.acq.nta r15=[r126],8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld4.acq r120=[r63] ;;
	  ld4.acq.nt1 r55=[r1]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld4.acq.d2 r9=[r65] ;;
	  (p1) ld4.acq.nta r88=[r110]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ld4.acq.d4 r2=[r3] ;;
	  (p17) ld4.acq.d5 r127=[r127]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ld4.acq.d6 r5=[r0] ;;
	  ld4.acq.d7 r64=[r12]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld4.acq r33=[r99],r96 ;;
	  ld4.acq.nt1 r17=[r32],r126
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld4.acq.nta r8=[r4],r100 ;;
	  ld4.acq r41=[r126],-8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ld4.acq.nt1 r3=[r63],128 ;;
	  (p63) ld4.acq.nta r70=[r1],-129
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ld8.acq r15=[r65] ;;
	  (p32) ld8.acq.nt1 r120=[r110]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.acq.d2 r55=[r3] ;;
	  ld8.acq.nta r9=[r127]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.acq.d4 r88=[r0] ;;
	  ld8.acq.d5 r2=[r12]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.acq.d6 r127=[r99] ;;
	  (p1) ld8.acq.d7 r5=[r32]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ld8.acq r64=[r4],r33 ;;
	  (p17) ld8.acq.nt1 r96=[r126],r17
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ld8.acq.nta r126=[r63],r8 ;;
	  ld8.acq r100=[r1],100
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.acq.nt1 r41=[r65],-200 ;;
	  ld8.acq.nta r3=[r110],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld1.c.clr r70=[r3] ;;
	  ld1.c.clr.nt1 r15=[r127]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ld1.c.clr.d2 r120=[r0] ;;
	  (p63) ld1.c.clr.nta r55=[r12]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ld1.c.clr.d4 r9=[r99] ;;
	  (p32) ld1.c.clr.d5 r88=[r32]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld1.c.clr.d6 r2=[r4] ;;
	  ld1.c.clr.d7 r127=[r126]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld1.c.clr r5=[r63],r64 ;;
	  ld1.c.clr.nt1 r33=[r1],r96
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld1.c.clr.nta r17=[r65],r126 ;;
	  (p1) ld1.c.clr r8=[r110],-256
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ld1.c.clr.nt1 r100=[r3],255 ;;
	  (p17) ld1.c.clr.nta r41=[r127],0
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ld2.c.clr r3=[r0] ;;
	  ld2.c.clr.nt1 r70=[r12]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld2.c.clr.d2 r15=[r99] ;;
	  ld2.c.clr.nta r120=[r32]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld2.c.clr.d4 r55=[r4] ;;
	  ld2.c.clr.d5 r9=[r126]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ld2.c.clr.d6 r88=[r63] ;;
	  (p63) ld2.c.clr.d7 r2=[r1]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ld2.c.clr r127=[r65],r5 ;;
	  (p32) ld2.c.clr.nt1 r64=[r110],r33
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld2.c.clr.nta r96=[r3],r17 ;;
	  ld2.c.clr r126=[r127],-1
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld2.c.clr.nt1 r8=[r12],1 ;;
	  ld2.c.clr.nta r100=[r99],8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld4.c.clr r41=[r32] ;;
	  (p1) ld4.c.clr.nt1 r3=[r4]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ld4.c.clr.d2 r70=[r126] ;;
	  (p17) ld4.c.clr.nta r15=[r63]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ld4.c.clr.d4 r120=[r1] ;;
	  ld4.c.clr.d5 r55=[r65]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld4.c.clr.d6 r9=[r110] ;;
	  ld4.c.clr.d7 r88=[r3]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld4.c.clr r2=[r127],r127 ;;
	  ld4.c.clr.nt1 r5=[r12],r64
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ld4.c.clr.nta r33=[r99],r96 ;;
	  (p63) ld4.c.clr r17=[r32],-8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ld4.c.clr.nt1 r126=[r4],128 ;;
	  (p32) ld4.c.clr.nta r8=[r126],-129
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.c.clr r100=[r63] ;;
	  ld8.c.clr.nt1 r41=[r1]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.c.clr.d2 r3=[r65] ;;
	  ld8.c.clr.nta r70=[r110]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.c.clr.d4 r15=[r3] ;;
	  (p1) ld8.c.clr.d5 r120=[r127]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ld8.c.clr.d6 r55=[r0] ;;
	  (p17) ld8.c.clr.d7 r9=[r12]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ld8.c.clr r88=[r99],r2 ;;
	  ld8.c.clr.nt1 r127=[r32],r5
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.c.clr.nta r64=[r4],r33 ;;
	  ld8.c.clr r96=[r126],100
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.c.clr.nt1 r17=[r63],-200 ;;
	  ld8.c.clr.nta r126=[r1],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ld1.c.nc r8=[r65] ;;
	  (p63) ld1.c.nc.nt1 r100=[r110]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ld1.c.nc.d2 r41=[r3] ;;
	  (p32) ld1.c.nc.nta r3=[r127]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld1.c.nc.d4 r70=[r0] ;;
	  ld1.c.nc.d5 r15=[r12]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld1.c.nc.d6 r120=[r99] ;;
	  ld1.c.nc.d7 r55=[r32]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld1.c.nc r9=[r4],r88 ;;
	  (p1) ld1.c.nc.nt1 r2=[r126],r127
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ld1.c.nc.nta r5=[r63],r64 ;;
	  (p17) ld1.c.nc r33=[r1],-256
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ld1.c.nc.nt1 r96=[r65],255 ;;
	  ld1.c.nc.nta r17=[r110],0
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld2.c.nc r126=[r3] ;;
	  ld2.c.nc.nt1 r8=[r127]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld2.c.nc.d2 r100=[r0] ;;
	  ld2.c.nc.nta r41=[r12]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ld2.c.nc.d4 r3=[r99] ;;
	  (p63) ld2.c.nc.d5 r70=[r32]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ld2.c.nc.d6 r15=[r4] ;;
	  (p32) ld2.c.nc.d7 r120=[r126]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld2.c.nc r55=[r63],r9 ;;
	  ld2.c.nc.nt1 r88=[r1],r2
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld2.c.nc.nta r127=[r65],r5 ;;
	  ld2.c.nc r64=[r110],-1
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld2.c.nc.nt1 r33=[r3],1 ;;
	  (p1) ld2.c.nc.nta r96=[r127],8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ld4.c.nc r17=[r0] ;;
	  (p17) ld4.c.nc.nt1 r126=[r12]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ld4.c.nc.d2 r8=[r99] ;;
	  ld4.c.nc.nta r100=[r32]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld4.c.nc.d4 r41=[r4] ;;
	  ld4.c.nc.d5 r3=[r126]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld4.c.nc.d6 r70=[r63] ;;
	  ld4.c.nc.d7 r15=[r1]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ld4.c.nc r120=[r65],r55 ;;
	  (p63) ld4.c.nc.nt1 r9=[r110],r88
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ld4.c.nc.nta r2=[r3],r127 ;;
	  (p32) ld4.c.nc r5=[r127],-8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld4.c.nc.nt1 r64=[r12],128 ;;
	  ld4.c.nc.nta r33=[r99],-129
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.c.nc r96=[r32] ;;
	  ld8.c.nc.nt1 r17=[r4]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.c.nc.d2 r126=[r126] ;;
	  (p1) ld8.c.nc.nta r8=[r63]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ld8.c.nc.d4 r100=[r1] ;;
	  (p17) ld8.c.nc.d5 r41=[r65]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ld8.c.nc.d6 r3=[r110] ;;
	  ld8.c.nc.d7 r70=[r3]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.c.nc r15=[r127],r120 ;;
	  ld8.c.nc.nt1 r55=[r12],r9
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.c.nc.nta r88=[r99],r2 ;;
	  ld8.c.nc r127=[r32],100
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ld8.c.nc.nt1 r5=[r4],-200 ;;
	  (p63) ld8.c.nc.nta r64=[r126],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ld1.c.clr.acq r33=[r63] ;;
	  (p32) ld1.c.clr.acq.nt1 r96=[r1]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld1.c.clr.acq.d2 r17=[r65] ;;
	  ld1.c.clr.acq.nta r126=[r110]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld1.c.clr.acq.d4 r8=[r3] ;;
	  ld1.c.clr.acq.d5 r100=[r127]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld1.c.clr.acq.d6 r41=[r0] ;;
	  (p1) ld1.c.clr.acq.d7 r3=[r12]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ld1.c.clr.acq r70=[r99],r15 ;;
	  (p17) ld1.c.clr.acq.nt1 r120=[r32],r55
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ld1.c.clr.acq.nta r9=[r4],r88 ;;
	  ld1.c.clr.acq r2=[r126],-256
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld1.c.clr.acq.nt1 r127=[r63],255 ;;
	  ld1.c.clr.acq.nta r5=[r1],0
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld2.c.clr.acq r64=[r65] ;;
	  ld2.c.clr.acq.nt1 r33=[r110]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ld2.c.clr.acq.d2 r96=[r3] ;;
	  (p63) ld2.c.clr.acq.nta r17=[r127]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ld2.c.clr.acq.d4 r126=[r0] ;;
	  (p32) ld2.c.clr.acq.d5 r8=[r12]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld2.c.clr.acq.d6 r100=[r99] ;;
	  ld2.c.clr.acq.d7 r41=[r32]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld2.c.clr.acq r3=[r4],r70 ;;
	  ld2.c.clr.acq.nt1 r15=[r126],r120
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld2.c.clr.acq.nta r55=[r63],r9 ;;
	  (p1) ld2.c.clr.acq r88=[r1],-1
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ld2.c.clr.acq.nt1 r2=[r65],1 ;;
	  (p17) ld2.c.clr.acq.nta r127=[r110],8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ld4.c.clr.acq r5=[r3] ;;
	  ld4.c.clr.acq.nt1 r64=[r127]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld4.c.clr.acq.d2 r33=[r0] ;;
	  ld4.c.clr.acq.nta r96=[r12]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld4.c.clr.acq.d4 r17=[r99] ;;
	  ld4.c.clr.acq.d5 r126=[r32]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ld4.c.clr.acq.d6 r8=[r4] ;;
	  (p63) ld4.c.clr.acq.d7 r100=[r126]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ld4.c.clr.acq r41=[r63],r3 ;;
	  (p32) ld4.c.clr.acq.nt1 r70=[r1],r15
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld4.c.clr.acq.nta r120=[r65],r55 ;;
	  ld4.c.clr.acq r9=[r110],-8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld4.c.clr.acq.nt1 r88=[r3],128 ;;
	  ld4.c.clr.acq.nta r2=[r127],-129
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.c.clr.acq r127=[r0] ;;
	  (p1) ld8.c.clr.acq.nt1 r5=[r12]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ld8.c.clr.acq.d2 r64=[r99] ;;
	  (p17) ld8.c.clr.acq.nta r33=[r32]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ld8.c.clr.acq.d4 r96=[r4] ;;
	  ld8.c.clr.acq.d5 r17=[r126]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.c.clr.acq.d6 r126=[r63] ;;
	  ld8.c.clr.acq.d7 r8=[r1]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.c.clr.acq r100=[r65],r41 ;;
	  ld8.c.clr.acq.nt1 r3=[r110],r70
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ld8.c.clr.acq.nta r15=[r3],r120 ;;
	  (p63) ld8.c.clr.acq r55=[r127],100
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ld8.c.clr.acq.nt1 r9=[r12],-200 ;;
	  (p32) ld8.c.clr.acq.nta r88=[r99],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.fill r2=[r32] ;;
	  ld8.fill.nt1 r127=[r4]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.fill.d2 r5=[r126] ;;
	  ld8.fill.nta r64=[r63]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.fill.d4 r33=[r1] ;;
	  (p1) ld8.fill.d5 r96=[r65]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ld8.fill.d6 r17=[r110] ;;
	  (p17) ld8.fill.d7 r126=[r3]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ld8.fill r8=[r127],r100 ;;
	  ld8.fill.nt1 r41=[r12],r3
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.fill.nta r70=[r99],r15 ;;
	  ld8.fill r120=[r32],-256
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld8.fill.nt1 r55=[r4],255 ;;
	  ld8.fill.nta r9=[r126],0
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) st1 [r63]=r88 ;;
	  (p63) st1.d1 [r1]=r2
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) st1.d2 [r65]=r127 ;;
	  (p32) st1.nta [r110]=r5
	  nop.i 0x0 ;;
	}
	{ .mmi
	  st1.d4 [r3]=r64 ;;
	  st1.d5 [r127]=r33
	  nop.i 0x0 ;;
	}
	{ .mmi
	  st1.d6 [r0]=r96 ;;
	  st1.d7 [r12]=r17
	  nop.i 0x0 ;;
	}
	{ .mmi
	  st1 [r99]=r126,-256 ;;
	  (p1) st1.nta [r32]=r8,255
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) st2 [r4]=r100 ;;
	  (p17) st2.d1 [r126]=r41
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) st2.d2 [r63]=r3 ;;
	  st2.nta [r1]=r70
	  nop.i 0x0 ;;
	}
	{ .mmi
	  st2.d4 [r65]=r15 ;;
	  st2.d5 [r110]=r120
	  nop.i 0x0 ;;
	}
	{ .mmi
	  st2.d6 [r3]=r55 ;;
	  st2.d7 [r127]=r9
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) st2 [r12]=r88,-1 ;;
	  (p63) st2.nta [r99]=r2,1
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) st4 [r32]=r127 ;;
	  (p32) st4.d1 [r4]=r5
	  nop.i 0x0 ;;
	}
	{ .mmi
	  st4.d2 [r126]=r64 ;;
	  st4.nta [r63]=r33
	  nop.i 0x0 ;;
	}
	{ .mmi
	  st4.d4 [r1]=r96 ;;
	  st4.d5 [r65]=r17
	  nop.i 0x0 ;;
	}
	{ .mmi
	  st4.d6 [r110]=r126 ;;
	  (p1) st4.d7 [r3]=r8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) st4 [r127]=r100,0 ;;
	  (p17) st4.nta [r12]=r41,64
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) st8 [r99]=r3 ;;
	  st8.d1 [r32]=r70
	  nop.i 0x0 ;;
	}
	{ .mmi
	  st8.d2 [r4]=r15 ;;
	  st8.nta [r126]=r120
	  nop.i 0x0 ;;
	}
	{ .mmi
	  st8.d4 [r63]=r55 ;;
	  st8.d5 [r1]=r9
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) st8.d6 [r65]=r88 ;;
	  (p63) st8.d7 [r110]=r2
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) st8 [r3]=r127,-65 ;;
	  (p32) st8.nta [r127]=r5,127
	  nop.i 0x0 ;;
	}
	{ .mmi
	  st1.rel [r0]=r64 ;;
	  st1.rel.d1 [r12]=r33
	  nop.i 0x0 ;;
	}
	{ .mmi
	  st1.rel.d2 [r99]=r96 ;;
	  st1.rel.nta [r32]=r17
	  nop.i 0x0 ;;
	}
	{ .mmi
	  st1.rel.d4 [r4]=r126 ;;
	  (p1) st1.rel.d5 [r126]=r8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) st1.rel.d6 [r63]=r100 ;;
	  (p17) st1.rel.d7 [r1]=r41
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) st1.rel [r65]=r3,-256 ;;
	  st1.rel.nta [r110]=r70,255
	  nop.i 0x0 ;;
	}
	{ .mmi
	  st2.rel [r3]=r15 ;;
	  st2.rel.d1 [r127]=r120
	  nop.i 0x0 ;;
	}
	{ .mmi
	  st2.rel.d2 [r0]=r55 ;;
	  st2.rel.nta [r12]=r9
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) st2.rel.d4 [r99]=r88 ;;
	  (p63) st2.rel.d5 [r32]=r2
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) st2.rel.d6 [r4]=r127 ;;
	  (p32) st2.rel.d7 [r126]=r5
	  nop.i 0x0 ;;
	}
	{ .mmi
	  st2.rel [r63]=r64,-1 ;;
	  st2.rel.nta [r1]=r33,1
	  nop.i 0x0 ;;
	}
	{ .mmi
	  st4.rel [r65]=r96 ;;
	  st4.rel.d1 [r110]=r17
	  nop.i 0x0 ;;
	}
	{ .mmi
	  st4.rel.d2 [r3]=r126 ;;
	  (p1) st4.rel.nta [r127]=r8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) st4.rel.d4 [r0]=r100 ;;
	  (p17) st4.rel.d5 [r12]=r41
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) st4.rel.d6 [r99]=r3 ;;
	  st4.rel.d7 [r32]=r70
	  nop.i 0x0 ;;
	}
	{ .mmi
	  st4.rel [r4]=r15,0 ;;
	  st4.rel.nta [r126]=r120,64
	  nop.i 0x0 ;;
	}
	{ .mmi
	  st8.rel [r63]=r55 ;;
	  st8.rel.d1 [r1]=r9
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) st8.rel.d2 [r65]=r88 ;;
	  (p63) st8.rel.nta [r110]=r2
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) st8.rel.d4 [r3]=r127 ;;
	  (p32) st8.rel.d5 [r127]=r5
	  nop.i 0x0 ;;
	}
	{ .mmi
	  st8.rel.d6 [r0]=r64 ;;
	  st8.rel.d7 [r12]=r33
	  nop.i 0x0 ;;
	}
	{ .mmi
	  st8.rel [r99]=r96,-65 ;;
	  st8.rel.nta [r32]=r17,127
	  nop.i 0x0 ;;
	}
	{ .mmi
	  st8.spill [r4]=r126 ;;
	  (p1) st8.spill.d1 [r126]=r8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) st8.spill.d2 [r63]=r100 ;;
	  (p17) st8.spill.nta [r1]=r41
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) st8.spill.d4 [r65]=r3 ;;
	  st8.spill.d5 [r110]=r70
	  nop.i 0x0 ;;
	}
	{ .mmi
	  st8.spill.d6 [r3]=r15 ;;
	  st8.spill.d7 [r127]=r120
	  nop.i 0x0 ;;
	}
	{ .mmi
	  st8.spill [r12]=r55,-256 ;;
	  st8.spill.nta [r99]=r9,255
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ld16 r88,ar.csd=[r32] ;;
	  (p63) ld16.nt1 r2,ar.csd=[r4]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ld16.d2 r127,ar.csd=[r126] ;;
	  (p32) ld16.nta r5,ar.csd=[r63]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld16.d4 r64,ar.csd=[r1] ;;
	  ld16.d5 r33,ar.csd=[r65]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld16.d6 r96,ar.csd=[r110] ;;
	  ld16.d7 r17,ar.csd=[r3]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld16.acq r126,ar.csd=[r127] ;;
	  (p1) ld16.acq.nt1 r8,ar.csd=[r0]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ld16.acq.d2 r100,ar.csd=[r12] ;;
	  (p17) ld16.acq.nta r41,ar.csd=[r99]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ld16.acq.d4 r3,ar.csd=[r32] ;;
	  ld16.acq.d5 r70,ar.csd=[r4]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ld16.acq.d6 r15,ar.csd=[r126] ;;
	  ld16.acq.d7 r120,ar.csd=[r63]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  st16 [r1]=r55,ar.csd ;;
	  st16.d1 [r65]=r9,ar.csd
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) st16.d2 [r110]=r88,ar.csd ;;
	  (p63) st16.nta [r3]=r2,ar.csd
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) st16.d4 [r127]=r127,ar.csd ;;
	  (p32) st16.d5 [r0]=r5,ar.csd
	  nop.i 0x0 ;;
	}
	{ .mmi
	  st16.d6 [r12]=r64,ar.csd ;;
	  st16.d7 [r99]=r33,ar.csd
	  nop.i 0x0 ;;
	}
	{ .mmi
	  st16.rel [r32]=r96,ar.csd ;;
	  st16.rel.d1 [r4]=r17,ar.csd
	  nop.i 0x0 ;;
	}
	{ .mmi
	  st16.rel.d2 [r126]=r126,ar.csd ;;
	  (p1) st16.rel.nta [r63]=r8,ar.csd
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) st16.rel.d4 [r1]=r100,ar.csd ;;
	  (p17) st16.rel.d5 [r65]=r41,ar.csd
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) st16.rel.d6 [r110]=r3,ar.csd ;;
	  st16.rel.d7 [r3]=r70,ar.csd
	  nop.i 0x0 ;;
	}
	{ .mmi
	  cmpxchg1.acq r15=[r127],r120,ar.ccv ;;
	  cmpxchg1.acq.nt1 r55=[r0],r9,ar.ccv
	  nop.i 0x0 ;;
	}
	{ .mmi
	  cmpxchg1.acq.nta r88=[r12],r2,ar.ccv ;;
	  cmpxchg1.rel r127=[r99],r5,ar.ccv
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) cmpxchg1.rel.nt1 r64=[r32],r33,ar.ccv ;;
	  (p63) cmpxchg1.rel.nta r96=[r4],r17,ar.ccv
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) cmpxchg2.acq r126=[r126],r8,ar.ccv ;;
	  (p32) cmpxchg2.acq.nt1 r100=[r63],r41,ar.ccv
	  nop.i 0x0 ;;
	}
	{ .mmi
	  cmpxchg2.acq.nta r3=[r1],r70,ar.ccv ;;
	  cmpxchg2.rel r15=[r65],r120,ar.ccv
	  nop.i 0x0 ;;
	}
	{ .mmi
	  cmpxchg2.rel.nt1 r55=[r110],r9,ar.ccv ;;
	  cmpxchg2.rel.nta r88=[r3],r2,ar.ccv
	  nop.i 0x0 ;;
	}
	{ .mmi
	  cmpxchg4.acq r127=[r127],r5,ar.ccv ;;
	  (p1) cmpxchg4.acq.nt1 r64=[r0],r33,ar.ccv
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) cmpxchg4.acq.nta r96=[r12],r17,ar.ccv ;;
	  (p17) cmpxchg4.rel r126=[r99],r8,ar.ccv
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) cmpxchg4.rel.nt1 r100=[r32],r41,ar.ccv ;;
	  cmpxchg4.rel.nta r3=[r4],r70,ar.ccv
	  nop.i 0x0 ;;
	}
	{ .mmi
	  cmpxchg8.acq r15=[r126],r120,ar.ccv ;;
	  cmpxchg8.acq.nt1 r55=[r63],r9,ar.ccv
	  nop.i 0x0 ;;
	}
	{ .mmi
	  cmpxchg8.acq.nta r88=[r1],r2,ar.ccv ;;
	  cmpxchg8.rel r127=[r65],r5,ar.ccv
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) cmpxchg8.rel.nt1 r64=[r110],r33,ar.ccv ;;
	  (p63) cmpxchg8.rel.nta r96=[r3],r17,ar.ccv
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) cmp8xchg16.acq r126=[r127],r8,ar.csd,ar.ccv ;;
	  (p32) cmp8xchg16.acq.nt1 r100=[r0],r41,ar.csd,ar.ccv
	  nop.i 0x0 ;;
	}
	{ .mmi
	  cmp8xchg16.acq.nta r3=[r12],r70,ar.csd,ar.ccv ;;
	  cmp8xchg16.rel r15=[r99],r120,ar.csd,ar.ccv
	  nop.i 0x0 ;;
	}
	{ .mmi
	  cmp8xchg16.rel.nt1 r55=[r32],r9,ar.csd,ar.ccv ;;
	  cmp8xchg16.rel.nta r88=[r4],r2,ar.csd,ar.ccv
	  nop.i 0x0 ;;
	}
	{ .mmi
	  xchg1 r127=[r126],r5 ;;
	  (p1) xchg1.nt1 r64=[r63],r33
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) xchg1.nta r96=[r1],r17 ;;
	  (p17) xchg2 r126=[r65],r8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) xchg2.nt1 r100=[r110],r41 ;;
	  xchg2.nta r3=[r3],r70
	  nop.i 0x0 ;;
	}
	{ .mmi
	  xchg4 r15=[r127],r120 ;;
	  xchg4.nt1 r55=[r0],r9
	  nop.i 0x0 ;;
	}
	{ .mmi
	  xchg4.nta r88=[r12],r2 ;;
	  xchg8 r127=[r99],r5
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) xchg8.nt1 r64=[r32],r33 ;;
	  (p63) xchg8.nta r96=[r4],r17
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) fetchadd4.acq r126=[r126],-16 ;;
	  (p32) fetchadd4.acq r8=[r63],-8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  fetchadd4.acq r100=[r1],-4 ;;
	  fetchadd4.acq r41=[r65],-1
	  nop.i 0x0 ;;
	}
	{ .mmi
	  fetchadd4.acq r3=[r110],1 ;;
	  fetchadd4.acq r70=[r3],4
	  nop.i 0x0 ;;
	}
	{ .mmi
	  fetchadd4.acq r15=[r127],8 ;;
	  (p1) fetchadd4.acq r120=[r0],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) fetchadd4.acq.nt1 r55=[r12],-16 ;;
	  (p17) fetchadd4.acq.nt1 r9=[r99],1
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) fetchadd4.acq.nta r88=[r32],-16 ;;
	  fetchadd4.acq.nta r2=[r4],1
	  nop.i 0x0 ;;
	}
	{ .mmi
	  fetchadd4.rel r127=[r126],-16 ;;
	  fetchadd4.rel r5=[r63],-8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  fetchadd4.rel r64=[r1],-4 ;;
	  fetchadd4.rel r33=[r65],-1
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) fetchadd4.rel r96=[r110],1 ;;
	  (p63) fetchadd4.rel r17=[r3],4
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) fetchadd4.rel r126=[r127],8 ;;
	  (p32) fetchadd4.rel r8=[r0],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  fetchadd4.rel.nt1 r100=[r12],-16 ;;
	  fetchadd4.rel.nt1 r41=[r99],1
	  nop.i 0x0 ;;
	}
	{ .mmi
	  fetchadd4.rel.nta r3=[r32],-16 ;;
	  fetchadd4.rel.nta r70=[r4],1
	  nop.i 0x0 ;;
	}
	{ .mmi
	  fetchadd8.acq r15=[r126],-16 ;;
	  (p1) fetchadd8.acq r120=[r63],-8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) fetchadd8.acq r55=[r1],-4 ;;
	  (p17) fetchadd8.acq r9=[r65],-1
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) fetchadd8.acq r88=[r110],1 ;;
	  fetchadd8.acq r2=[r3],4
	  nop.i 0x0 ;;
	}
	{ .mmi
	  fetchadd8.acq r127=[r127],8 ;;
	  fetchadd8.acq r5=[r0],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  fetchadd8.acq.nt1 r64=[r12],-16 ;;
	  fetchadd8.acq.nt1 r33=[r99],1
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) fetchadd8.acq.nta r96=[r32],-16 ;;
	  (p63) fetchadd8.acq.nta r17=[r4],1
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) fetchadd8.rel r126=[r126],-16 ;;
	  (p32) fetchadd8.rel r8=[r63],-8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  fetchadd8.rel r100=[r1],-4 ;;
	  fetchadd8.rel r41=[r65],-1
	  nop.i 0x0 ;;
	}
	{ .mmi
	  fetchadd8.rel r3=[r110],1 ;;
	  fetchadd8.rel r70=[r3],4
	  nop.i 0x0 ;;
	}
	{ .mmi
	  fetchadd8.rel r15=[r127],8 ;;
	  (p1) fetchadd8.rel r120=[r0],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) fetchadd8.rel.nt1 r55=[r12],-16 ;;
	  (p17) fetchadd8.rel.nt1 r9=[r99],1
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) fetchadd8.rel.nta r88=[r32],-16 ;;
	  fetchadd8.rel.nta r2=[r4],1
	  nop.i 0x0 ;;
	}
	{ .mmi
	  getf.sig r127=f2 ;;
	  getf.sig r5=f0
	  nop.i 0x0 ;;
	}
	{ .mmi
	  setf.sig f127=r64 ;;
	  setf.sig f6=r0
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) getf.exp r33=f32 ;;
	  (p63) getf.exp r96=f0
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) setf.exp f33=r17 ;;
	  (p32) setf.exp f96=r0
	  nop.i 0x0 ;;
	}
	{ .mmi
	  getf.s r126=f64 ;;
	  getf.s r8=f0
	  nop.i 0x0 ;;
	}
	{ .mmi
	  setf.s f9=r100 ;;
	  setf.s f126=r0
	  nop.i 0x0 ;;
	}
	{ .mmi
	  getf.d r41=f77 ;;
	  (p1) getf.d r3=f0
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) setf.d f10=r70 ;;
	  (p17) setf.d f100=r0
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ldfe f2=[r126] ;;
	  ldfe.nt1 f127=[r63]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfe.d2 f6=[r1] ;;
	  ldfe.nta f32=[r65]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfe.d4 f33=[r110] ;;
	  ldfe.d5 f96=[r3]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ldfe.d6 f64=[r127] ;;
	  (p63) ldfe.d7 f9=[r0]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ldfe f126=[r12],r15 ;;
	  (p32) ldfe.nt1 f77=[r99],r120
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfe.nta f10=[r32],r55 ;;
	  ldfe f100=[r4],-1
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfe.nt1 f2=[r126],1 ;;
	  ldfe.nta f127=[r63],8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldf8 f6=[r1] ;;
	  (p1) ldf8.nt1 f32=[r65]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ldf8.d2 f33=[r110] ;;
	  (p17) ldf8.nta f96=[r3]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ldf8.d4 f64=[r127] ;;
	  ldf8.d5 f9=[r0]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldf8.d6 f126=[r12] ;;
	  ldf8.d7 f77=[r99]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldf8 f10=[r32],r9 ;;
	  ldf8.nt1 f100=[r4],r88
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ldf8.nta f2=[r126],r2 ;;
	  (p63) ldf8 f127=[r63],-8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ldf8.nt1 f6=[r1],128 ;;
	  (p32) ldf8.nta f32=[r65],-129
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfs f33=[r110] ;;
	  ldfs.nt1 f96=[r3]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfs.d2 f64=[r127] ;;
	  ldfs.nta f9=[r0]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfs.d4 f126=[r12] ;;
	  (p1) ldfs.d5 f77=[r99]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ldfs.d6 f10=[r32] ;;
	  (p17) ldfs.d7 f100=[r4]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ldfs f2=[r126],r127 ;;
	  ldfs.nt1 f127=[r63],r5
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfs.nta f6=[r1],r64 ;;
	  ldfs f32=[r65],100
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfs.nt1 f33=[r110],-200 ;;
	  ldfs.nta f96=[r3],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ldfd f64=[r127] ;;
	  (p63) ldfd.nt1 f9=[r0]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ldfd.d2 f126=[r12] ;;
	  (p32) ldfd.nta f77=[r99]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfd.d4 f10=[r32] ;;
	  ldfd.d5 f100=[r4]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfd.d6 f2=[r126] ;;
	  ldfd.d7 f127=[r63]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfd f6=[r1],r33 ;;
	  (p1) ldfd.nt1 f32=[r65],r96
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ldfd.nta f33=[r110],r17 ;;
	  (p17) ldfd f96=[r3],-256
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ldfd.nt1 f64=[r127],255 ;;
	  ldfd.nta f9=[r12],0
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfe.s f126=[r99] ;;
	  ldfe.s.nt1 f77=[r32]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfe.s.d2 f10=[r4] ;;
	  ldfe.s.nta f100=[r126]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ldfe.s.d4 f2=[r63] ;;
	  (p63) ldfe.s.d5 f127=[r1]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ldfe.s.d6 f6=[r65] ;;
	  (p32) ldfe.s.d7 f32=[r110]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfe.s f33=[r3],r126 ;;
	  ldfe.s.nt1 f96=[r127],r8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfe.s.nta f64=[r12],r100 ;;
	  ldfe.s f9=[r99],-1
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfe.s.nt1 f126=[r32],1 ;;
	  (p1) ldfe.s.nta f77=[r4],8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ldf8.s f10=[r126] ;;
	  (p17) ldf8.s.nt1 f100=[r63]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ldf8.s.d2 f2=[r1] ;;
	  ldf8.s.nta f127=[r65]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldf8.s.d4 f6=[r110] ;;
	  ldf8.s.d5 f32=[r3]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldf8.s.d6 f33=[r127] ;;
	  ldf8.s.d7 f96=[r0]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ldf8.s f64=[r12],r41 ;;
	  (p63) ldf8.s.nt1 f9=[r99],r3
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ldf8.s.nta f126=[r32],r70 ;;
	  (p32) ldf8.s f77=[r4],-8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldf8.s.nt1 f10=[r126],128 ;;
	  ldf8.s.nta f100=[r63],-129
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfs.s f2=[r1] ;;
	  ldfs.s.nt1 f127=[r65]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfs.s.d2 f6=[r110] ;;
	  (p1) ldfs.s.nta f32=[r3]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ldfs.s.d4 f33=[r127] ;;
	  (p17) ldfs.s.d5 f96=[r0]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ldfs.s.d6 f64=[r12] ;;
	  ldfs.s.d7 f9=[r99]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfs.s f126=[r32],r15 ;;
	  ldfs.s.nt1 f77=[r4],r120
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfs.s.nta f10=[r126],r55 ;;
	  ldfs.s f100=[r63],100
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ldfs.s.nt1 f2=[r1],-200 ;;
	  (p63) ldfs.s.nta f127=[r65],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ldfd.s f6=[r110] ;;
	  (p32) ldfd.s.nt1 f32=[r3]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfd.s.d2 f33=[r127] ;;
	  ldfd.s.nta f96=[r0]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfd.s.d4 f64=[r12] ;;
	  ldfd.s.d5 f9=[r99]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfd.s.d6 f126=[r32] ;;
	  (p1) ldfd.s.d7 f77=[r4]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ldfd.s f10=[r126],r9 ;;
	  (p17) ldfd.s.nt1 f100=[r63],r88
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ldfd.s.nta f2=[r1],r2 ;;
	  ldfd.s f127=[r65],-256
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfd.s.nt1 f6=[r110],255 ;;
	  ldfd.s.nta f32=[r3],0
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfe.a f33=[r127] ;;
	  ldfe.a.nt1 f96=[r0]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ldfe.a.d2 f64=[r12] ;;
	  (p63) ldfe.a.nta f9=[r99]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ldfe.a.d4 f126=[r32] ;;
	  (p32) ldfe.a.d5 f77=[r4]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfe.a.d6 f10=[r126] ;;
	  ldfe.a.d7 f100=[r63]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfe.a f2=[r1],r127 ;;
	  ldfe.a.nt1 f127=[r65],r5
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfe.a.nta f6=[r110],r64 ;;
	  (p1) ldfe.a f32=[r3],-1
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ldfe.a.nt1 f33=[r127],1 ;;
	  (p17) ldfe.a.nta f96=[r12],8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ldf8.a f64=[r99] ;;
	  ldf8.a.nt1 f9=[r32]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldf8.a.d2 f126=[r4] ;;
	  ldf8.a.nta f77=[r126]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldf8.a.d4 f10=[r63] ;;
	  ldf8.a.d5 f100=[r1]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ldf8.a.d6 f2=[r65] ;;
	  (p63) ldf8.a.d7 f127=[r110]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ldf8.a f6=[r3],r33 ;;
	  (p32) ldf8.a.nt1 f32=[r127],r96
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldf8.a.nta f33=[r12],r17 ;;
	  ldf8.a f96=[r99],-8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldf8.a.nt1 f64=[r32],128 ;;
	  ldf8.a.nta f9=[r4],-129
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfs.a f126=[r126] ;;
	  (p1) ldfs.a.nt1 f77=[r63]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ldfs.a.d2 f10=[r1] ;;
	  (p17) ldfs.a.nta f100=[r65]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ldfs.a.d4 f2=[r110] ;;
	  ldfs.a.d5 f127=[r3]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfs.a.d6 f6=[r127] ;;
	  ldfs.a.d7 f32=[r0]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfs.a f33=[r12],r126 ;;
	  ldfs.a.nt1 f96=[r99],r8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ldfs.a.nta f64=[r32],r100 ;;
	  (p63) ldfs.a f9=[r4],100
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ldfs.a.nt1 f126=[r126],-200 ;;
	  (p32) ldfs.a.nta f77=[r63],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfd.a f10=[r1] ;;
	  ldfd.a.nt1 f100=[r65]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfd.a.d2 f2=[r110] ;;
	  ldfd.a.nta f127=[r3]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfd.a.d4 f6=[r127] ;;
	  (p1) ldfd.a.d5 f32=[r0]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ldfd.a.d6 f33=[r12] ;;
	  (p17) ldfd.a.d7 f96=[r99]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ldfd.a f64=[r32],r41 ;;
	  ldfd.a.nt1 f9=[r4],r3
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfd.a.nta f126=[r126],r70 ;;
	  ldfd.a f77=[r63],-256
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfd.a.nt1 f10=[r1],255 ;;
	  ldfd.a.nta f100=[r65],0
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ldfe.sa f2=[r110] ;;
	  (p63) ldfe.sa.nt1 f127=[r3]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ldfe.sa.d2 f6=[r127] ;;
	  (p32) ldfe.sa.nta f32=[r0]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfe.sa.d4 f33=[r12] ;;
	  ldfe.sa.d5 f96=[r99]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfe.sa.d6 f64=[r32] ;;
	  ldfe.sa.d7 f9=[r4]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfe.sa f126=[r126],r15 ;;
	  (p1) ldfe.sa.nt1 f77=[r63],r120
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ldfe.sa.nta f10=[r1],r55 ;;
	  (p17) ldfe.sa f100=[r65],-1
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ldfe.sa.nt1 f2=[r110],1 ;;
	  ldfe.sa.nta f127=[r3],8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldf8.sa f6=[r127] ;;
	  ldf8.sa.nt1 f32=[r0]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldf8.sa.d2 f33=[r12] ;;
	  ldf8.sa.nta f96=[r99]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ldf8.sa.d4 f64=[r32] ;;
	  (p63) ldf8.sa.d5 f9=[r4]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ldf8.sa.d6 f126=[r126] ;;
	  (p32) ldf8.sa.d7 f77=[r63]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldf8.sa f10=[r1],r9 ;;
	  ldf8.sa.nt1 f100=[r65],r88
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldf8.sa.nta f2=[r110],r2 ;;
	  ldf8.sa f127=[r3],-8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldf8.sa.nt1 f6=[r127],128 ;;
	  (p1) ldf8.sa.nta f32=[r12],-129
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ldfs.sa f33=[r99] ;;
	  (p17) ldfs.sa.nt1 f96=[r32]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ldfs.sa.d2 f64=[r4] ;;
	  ldfs.sa.nta f9=[r126]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfs.sa.d4 f126=[r63] ;;
	  ldfs.sa.d5 f77=[r1]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfs.sa.d6 f10=[r65] ;;
	  ldfs.sa.d7 f100=[r110]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ldfs.sa f2=[r3],r127 ;;
	  (p63) ldfs.sa.nt1 f127=[r127],r5
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ldfs.sa.nta f6=[r12],r64 ;;
	  (p32) ldfs.sa f32=[r99],100
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfs.sa.nt1 f33=[r32],-200 ;;
	  ldfs.sa.nta f96=[r4],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfd.sa f64=[r126] ;;
	  ldfd.sa.nt1 f9=[r63]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfd.sa.d2 f126=[r1] ;;
	  (p1) ldfd.sa.nta f77=[r65]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ldfd.sa.d4 f10=[r110] ;;
	  (p17) ldfd.sa.d5 f100=[r3]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ldfd.sa.d6 f2=[r127] ;;
	  ldfd.sa.d7 f127=[r0]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfd.sa f6=[r12],r33 ;;
	  ldfd.sa.nt1 f32=[r99],r96
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfd.sa.nta f33=[r32],r17 ;;
	  ldfd.sa f96=[r4],-256
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ldfd.sa.nt1 f64=[r126],255 ;;
	  (p63) ldfd.sa.nta f9=[r63],0
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ldfe.c.clr f126=[r1] ;;
	  (p32) ldfe.c.clr.nt1 f77=[r65]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfe.c.clr.d2 f10=[r110] ;;
	  ldfe.c.clr.nta f100=[r3]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfe.c.clr.d4 f2=[r127] ;;
	  ldfe.c.clr.d5 f127=[r0]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfe.c.clr.d6 f6=[r12] ;;
	  (p1) ldfe.c.clr.d7 f32=[r99]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ldfe.c.clr f33=[r32],r126 ;;
	  (p17) ldfe.c.clr.nt1 f96=[r4],r8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ldfe.c.clr.nta f64=[r126],r100 ;;
	  ldfe.c.clr f9=[r63],-1
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfe.c.clr.nt1 f126=[r1],1 ;;
	  ldfe.c.clr.nta f77=[r65],8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldf8.c.clr f10=[r110] ;;
	  ldf8.c.clr.nt1 f100=[r3]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ldf8.c.clr.d2 f2=[r127] ;;
	  (p63) ldf8.c.clr.nta f127=[r0]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ldf8.c.clr.d4 f6=[r12] ;;
	  (p32) ldf8.c.clr.d5 f32=[r99]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldf8.c.clr.d6 f33=[r32] ;;
	  ldf8.c.clr.d7 f96=[r4]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldf8.c.clr f64=[r126],r41 ;;
	  ldf8.c.clr.nt1 f9=[r63],r3
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldf8.c.clr.nta f126=[r1],r70 ;;
	  (p1) ldf8.c.clr f77=[r65],-8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ldf8.c.clr.nt1 f10=[r110],128 ;;
	  (p17) ldf8.c.clr.nta f100=[r3],-129
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ldfs.c.clr f2=[r127] ;;
	  ldfs.c.clr.nt1 f127=[r0]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfs.c.clr.d2 f6=[r12] ;;
	  ldfs.c.clr.nta f32=[r99]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfs.c.clr.d4 f33=[r32] ;;
	  ldfs.c.clr.d5 f96=[r4]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ldfs.c.clr.d6 f64=[r126] ;;
	  (p63) ldfs.c.clr.d7 f9=[r63]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ldfs.c.clr f126=[r1],r15 ;;
	  (p32) ldfs.c.clr.nt1 f77=[r65],r120
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfs.c.clr.nta f10=[r110],r55 ;;
	  ldfs.c.clr f100=[r3],100
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfs.c.clr.nt1 f2=[r127],-200 ;;
	  ldfs.c.clr.nta f127=[r12],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfd.c.clr f6=[r99] ;;
	  (p1) ldfd.c.clr.nt1 f32=[r32]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ldfd.c.clr.d2 f33=[r4] ;;
	  (p17) ldfd.c.clr.nta f96=[r126]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ldfd.c.clr.d4 f64=[r63] ;;
	  ldfd.c.clr.d5 f9=[r1]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfd.c.clr.d6 f126=[r65] ;;
	  ldfd.c.clr.d7 f77=[r110]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfd.c.clr f10=[r3],r9 ;;
	  ldfd.c.clr.nt1 f100=[r127],r88
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ldfd.c.clr.nta f2=[r12],r2 ;;
	  (p63) ldfd.c.clr f127=[r99],-256
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ldfd.c.clr.nt1 f6=[r32],255 ;;
	  (p32) ldfd.c.clr.nta f32=[r4],0
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfe.c.nc f33=[r126] ;;
	  ldfe.c.nc.nt1 f96=[r63]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfe.c.nc.d2 f64=[r1] ;;
	  ldfe.c.nc.nta f9=[r65]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfe.c.nc.d4 f126=[r110] ;;
	  (p1) ldfe.c.nc.d5 f77=[r3]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ldfe.c.nc.d6 f10=[r127] ;;
	  (p17) ldfe.c.nc.d7 f100=[r0]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ldfe.c.nc f2=[r12],r127 ;;
	  ldfe.c.nc.nt1 f127=[r99],r5
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfe.c.nc.nta f6=[r32],r64 ;;
	  ldfe.c.nc f32=[r4],-1
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfe.c.nc.nt1 f33=[r126],1 ;;
	  ldfe.c.nc.nta f96=[r63],8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ldf8.c.nc f64=[r1] ;;
	  (p63) ldf8.c.nc.nt1 f9=[r65]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ldf8.c.nc.d2 f126=[r110] ;;
	  (p32) ldf8.c.nc.nta f77=[r3]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldf8.c.nc.d4 f10=[r127] ;;
	  ldf8.c.nc.d5 f100=[r0]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldf8.c.nc.d6 f2=[r12] ;;
	  ldf8.c.nc.d7 f127=[r99]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldf8.c.nc f6=[r32],r33 ;;
	  (p1) ldf8.c.nc.nt1 f32=[r4],r96
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ldf8.c.nc.nta f33=[r126],r17 ;;
	  (p17) ldf8.c.nc f96=[r63],-8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ldf8.c.nc.nt1 f64=[r1],128 ;;
	  ldf8.c.nc.nta f9=[r65],-129
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfs.c.nc f126=[r110] ;;
	  ldfs.c.nc.nt1 f77=[r3]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfs.c.nc.d2 f10=[r127] ;;
	  ldfs.c.nc.nta f100=[r0]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ldfs.c.nc.d4 f2=[r12] ;;
	  (p63) ldfs.c.nc.d5 f127=[r99]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ldfs.c.nc.d6 f6=[r32] ;;
	  (p32) ldfs.c.nc.d7 f32=[r4]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfs.c.nc f33=[r126],r126 ;;
	  ldfs.c.nc.nt1 f96=[r63],r8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfs.c.nc.nta f64=[r1],r100 ;;
	  ldfs.c.nc f9=[r65],100
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfs.c.nc.nt1 f126=[r110],-200 ;;
	  (p1) ldfs.c.nc.nta f77=[r3],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ldfd.c.nc f10=[r127] ;;
	  (p17) ldfd.c.nc.nt1 f100=[r0]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ldfd.c.nc.d2 f2=[r12] ;;
	  ldfd.c.nc.nta f127=[r99]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfd.c.nc.d4 f6=[r32] ;;
	  ldfd.c.nc.d5 f32=[r4]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfd.c.nc.d6 f33=[r126] ;;
	  ldfd.c.nc.d7 f96=[r63]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ldfd.c.nc f64=[r1],r41 ;;
	  (p63) ldfd.c.nc.nt1 f9=[r65],r3
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ldfd.c.nc.nta f126=[r110],r70 ;;
	  (p32) ldfd.c.nc f77=[r3],-256
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfd.c.nc.nt1 f10=[r127],255 ;;
	  ldfd.c.nc.nta f100=[r12],0
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldf.fill f2=[r99] ;;
	  ldf.fill.nt1 f127=[r32]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldf.fill.d2 f6=[r4] ;;
	  (p1) ldf.fill.nta f32=[r126]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ldf.fill.d4 f33=[r63] ;;
	  (p17) ldf.fill.d5 f96=[r1]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ldf.fill.d6 f64=[r65] ;;
	  ldf.fill.d7 f9=[r110]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldf.fill f126=[r3],r15 ;;
	  ldf.fill.nt1 f77=[r127],r120
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldf.fill.nta f10=[r12],r55 ;;
	  ldf.fill f100=[r99],-1
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ldf.fill.nt1 f2=[r32],1 ;;
	  (p63) ldf.fill.nta f127=[r4],8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) stfe [r126]=f6 ;;
	  (p32) stfe.d1 [r63]=f32
	  nop.i 0x0 ;;
	}
	{ .mmi
	  stfe.d2 [r1]=f33 ;;
	  stfe.nta [r65]=f96
	  nop.i 0x0 ;;
	}
	{ .mmi
	  stfe.d4 [r110]=f64 ;;
	  stfe.d5 [r3]=f9
	  nop.i 0x0 ;;
	}
	{ .mmi
	  stfe.d6 [r127]=f126 ;;
	  (p1) stfe.d7 [r0]=f77
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) stfe [r12]=f10,-1 ;;
	  (p17) stfe.nta [r99]=f100,1
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) stf8 [r32]=f2 ;;
	  stf8.d1 [r4]=f127
	  nop.i 0x0 ;;
	}
	{ .mmi
	  stf8.d2 [r126]=f6 ;;
	  stf8.nta [r63]=f32
	  nop.i 0x0 ;;
	}
	{ .mmi
	  stf8.d4 [r1]=f33 ;;
	  stf8.d5 [r65]=f96
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) stf8.d6 [r110]=f64 ;;
	  (p63) stf8.d7 [r3]=f9
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) stf8 [r127]=f126,0 ;;
	  (p32) stf8.nta [r12]=f77,64
	  nop.i 0x0 ;;
	}
	{ .mmi
	  stfs [r99]=f10 ;;
	  stfs.d1 [r32]=f100
	  nop.i 0x0 ;;
	}
	{ .mmi
	  stfs.d2 [r4]=f2 ;;
	  stfs.nta [r126]=f127
	  nop.i 0x0 ;;
	}
	{ .mmi
	  stfs.d4 [r63]=f6 ;;
	  (p1) stfs.d5 [r1]=f32
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) stfs.d6 [r65]=f33 ;;
	  (p17) stfs.d7 [r110]=f96
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) stfs [r3]=f64,-65 ;;
	  stfs.nta [r127]=f9,127
	  nop.i 0x0 ;;
	}
	{ .mmi
	  stfd [r0]=f126 ;;
	  stfd.d1 [r12]=f77
	  nop.i 0x0 ;;
	}
	{ .mmi
	  stfd.d2 [r99]=f10 ;;
	  stfd.nta [r32]=f100
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) stfd.d4 [r4]=f2 ;;
	  (p63) stfd.d5 [r126]=f127
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) stfd.d6 [r63]=f6 ;;
	  (p32) stfd.d7 [r1]=f32
	  nop.i 0x0 ;;
	}
	{ .mmi
	  stfd [r65]=f33,-256 ;;
	  stfd.nta [r110]=f96,255
	  nop.i 0x0 ;;
	}
	{ .mmi
	  stf.spill [r3]=f64 ;;
	  stf.spill.d1 [r127]=f9
	  nop.i 0x0 ;;
	}
	{ .mmi
	  stf.spill.d2 [r0]=f126 ;;
	  (p1) stf.spill.nta [r12]=f77
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) stf.spill.d4 [r99]=f10 ;;
	  (p17) stf.spill.d5 [r32]=f100
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) stf.spill.d6 [r4]=f2 ;;
	  stf.spill.d7 [r126]=f127
	  nop.i 0x0 ;;
	}
	{ .mmi
	  stf.spill [r63]=f6,-1 ;;
	  stf.spill.nta [r1]=f32,1
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfp8 f2,f3=[r65] ;;
	  ldfp8.nt1 f127,f126=[r110]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ldfp8.nta f33,f32=[r3] ;;
	  (p63) ldfp8 f64,f65=[r127],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ldfp8.nt1 f9,f10=[r12],16 ;;
	  (p32) ldfp8.nta f100,f101=[r99],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfps f2,f3=[r32] ;;
	  ldfps.nt1 f127,f126=[r4]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfps.nta f33,f32=[r126] ;;
	  ldfps f64,f65=[r63],8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfps.nt1 f9,f10=[r1],8 ;;
	  (p1) ldfps.nta f100,f101=[r65],8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ldfpd f2,f3=[r110] ;;
	  (p17) ldfpd.nt1 f127,f126=[r3]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ldfpd.nta f33,f32=[r127] ;;
	  ldfpd f64,f65=[r12],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfpd.nt1 f9,f10=[r99],16 ;;
	  ldfpd.nta f100,f101=[r32],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfp8.s f2,f3=[r4] ;;
	  ldfp8.s.nt1 f127,f126=[r126]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ldfp8.s.nta f33,f32=[r63] ;;
	  (p63) ldfp8.s f64,f65=[r1],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ldfp8.s.nt1 f9,f10=[r65],16 ;;
	  (p32) ldfp8.s.nta f100,f101=[r110],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfps.s f2,f3=[r3] ;;
	  ldfps.s.nt1 f127,f126=[r127]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfps.s.nta f33,f32=[r0] ;;
	  ldfps.s f64,f65=[r12],8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfps.s.nt1 f9,f10=[r99],8 ;;
	  (p1) ldfps.s.nta f100,f101=[r32],8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ldfpd.s f2,f3=[r4] ;;
	  (p17) ldfpd.s.nt1 f127,f126=[r126]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ldfpd.s.nta f33,f32=[r63] ;;
	  ldfpd.s f64,f65=[r1],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfpd.s.nt1 f9,f10=[r65],16 ;;
	  ldfpd.s.nta f100,f101=[r110],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfp8.a f2,f3=[r3] ;;
	  ldfp8.a.nt1 f127,f126=[r127]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ldfp8.a.nta f33,f32=[r0] ;;
	  (p63) ldfp8.a f64,f65=[r12],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ldfp8.a.nt1 f9,f10=[r99],16 ;;
	  (p32) ldfp8.a.nta f100,f101=[r32],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfps.a f2,f3=[r4] ;;
	  ldfps.a.nt1 f127,f126=[r126]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfps.a.nta f33,f32=[r63] ;;
	  ldfps.a f64,f65=[r1],8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfps.a.nt1 f9,f10=[r65],8 ;;
	  (p1) ldfps.a.nta f100,f101=[r110],8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ldfpd.a f2,f3=[r3] ;;
	  (p17) ldfpd.a.nt1 f127,f126=[r127]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ldfpd.a.nta f33,f32=[r0] ;;
	  ldfpd.a f64,f65=[r12],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfpd.a.nt1 f9,f10=[r99],16 ;;
	  ldfpd.a.nta f100,f101=[r32],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfp8.sa f2,f3=[r4] ;;
	  ldfp8.sa.nt1 f127,f126=[r126]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ldfp8.sa.nta f33,f32=[r63] ;;
	  (p63) ldfp8.sa f64,f65=[r1],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ldfp8.sa.nt1 f9,f10=[r65],16 ;;
	  (p32) ldfp8.sa.nta f100,f101=[r110],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfps.sa f2,f3=[r3] ;;
	  ldfps.sa.nt1 f127,f126=[r127]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfps.sa.nta f33,f32=[r0] ;;
	  ldfps.sa f64,f65=[r12],8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfps.sa.nt1 f9,f10=[r99],8 ;;
	  (p1) ldfps.sa.nta f100,f101=[r32],8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ldfpd.sa f2,f3=[r4] ;;
	  (p17) ldfpd.sa.nt1 f127,f126=[r126]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ldfpd.sa.nta f33,f32=[r63] ;;
	  ldfpd.sa f64,f65=[r1],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfpd.sa.nt1 f9,f10=[r65],16 ;;
	  ldfpd.sa.nta f100,f101=[r110],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfp8.c.clr f2,f3=[r3] ;;
	  ldfp8.c.clr.nt1 f127,f126=[r127]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ldfp8.c.clr.nta f33,f32=[r0] ;;
	  (p63) ldfp8.c.clr f64,f65=[r12],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ldfp8.c.clr.nt1 f9,f10=[r99],16 ;;
	  (p32) ldfp8.c.clr.nta f100,f101=[r32],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfps.c.clr f2,f3=[r4] ;;
	  ldfps.c.clr.nt1 f127,f126=[r126]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfps.c.clr.nta f33,f32=[r63] ;;
	  ldfps.c.clr f64,f65=[r1],8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfps.c.clr.nt1 f9,f10=[r65],8 ;;
	  (p1) ldfps.c.clr.nta f100,f101=[r110],8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ldfpd.c.clr f2,f3=[r3] ;;
	  (p17) ldfpd.c.clr.nt1 f127,f126=[r127]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ldfpd.c.clr.nta f33,f32=[r0] ;;
	  ldfpd.c.clr f64,f65=[r12],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfpd.c.clr.nt1 f9,f10=[r99],16 ;;
	  ldfpd.c.clr.nta f100,f101=[r32],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfp8.c.nc f2,f3=[r4] ;;
	  ldfp8.c.nc.nt1 f127,f126=[r126]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) ldfp8.c.nc.nta f33,f32=[r63] ;;
	  (p63) ldfp8.c.nc f64,f65=[r1],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) ldfp8.c.nc.nt1 f9,f10=[r65],16 ;;
	  (p32) ldfp8.c.nc.nta f100,f101=[r110],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfps.c.nc f2,f3=[r3] ;;
	  ldfps.c.nc.nt1 f127,f126=[r127]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfps.c.nc.nta f33,f32=[r0] ;;
	  ldfps.c.nc f64,f65=[r12],8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfps.c.nc.nt1 f9,f10=[r99],8 ;;
	  (p1) ldfps.c.nc.nta f100,f101=[r32],8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) ldfpd.c.nc f2,f3=[r4] ;;
	  (p17) ldfpd.c.nc.nt1 f127,f126=[r126]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) ldfpd.c.nc.nta f33,f32=[r63] ;;
	  ldfpd.c.nc f64,f65=[r1],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  ldfpd.c.nc.nt1 f9,f10=[r65],16 ;;
	  ldfpd.c.nc.nta f100,f101=[r110],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  lfetch [r3] ;;
	  lfetch [r127],r9
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) lfetch [r12],-8 ;;
	  (p63) lfetch.nt1 [r99]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) lfetch.nt1 [r32],r88 ;;
	  (p32) lfetch.nt1 [r4],128
	  nop.i 0x0 ;;
	}
	{ .mmi
	  lfetch.nt2 [r126] ;;
	  lfetch.nt2 [r63],r2
	  nop.i 0x0 ;;
	}
	{ .mmi
	  lfetch.nt2 [r1],-129 ;;
	  lfetch.nta [r65]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  lfetch.nta [r110],r127 ;;
	  (p1) lfetch.nta [r3],100
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) lfetch.d4 [r127] ;;
	  (p17) lfetch.d4 [r12],r5
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) lfetch.d4 [r99],-200 ;;
	  lfetch.d5 [r32]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  lfetch.d5 [r4],r64 ;;
	  lfetch.d5 [r126],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  lfetch.d6 [r63] ;;
	  lfetch.d6 [r1],r33
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) lfetch.d6 [r65],-256 ;;
	  (p63) lfetch.d7 [r110]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) lfetch.d7 [r3],r96 ;;
	  (p32) lfetch.d7 [r127],255
	  nop.i 0x0 ;;
	}
	{ .mmi
	  lfetch.excl [r0] ;;
	  lfetch.excl [r12],r17
	  nop.i 0x0 ;;
	}
	{ .mmi
	  lfetch.excl [r99],0 ;;
	  lfetch.excl.nt1 [r32]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  lfetch.excl.nt1 [r4],r126 ;;
	  (p1) lfetch.excl.nt1 [r126],-1
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) lfetch.excl.nt2 [r63] ;;
	  (p17) lfetch.excl.nt2 [r1],r8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) lfetch.excl.nt2 [r65],1 ;;
	  lfetch.excl.nta [r110]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  lfetch.excl.nta [r3],r100 ;;
	  lfetch.excl.nta [r127],8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  lfetch.excl.d4 [r0] ;;
	  lfetch.excl.d4 [r12],r41
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) lfetch.excl.d4 [r99],-8 ;;
	  (p63) lfetch.excl.d5 [r32]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) lfetch.excl.d5 [r4],r3 ;;
	  (p32) lfetch.excl.d5 [r126],128
	  nop.i 0x0 ;;
	}
	{ .mmi
	  lfetch.excl.d6 [r63] ;;
	  lfetch.excl.d6 [r1],r70
	  nop.i 0x0 ;;
	}
	{ .mmi
	  lfetch.excl.d6 [r65],-129 ;;
	  lfetch.excl.d7 [r110]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  lfetch.excl.d7 [r3],r15 ;;
	  (p1) lfetch.excl.d7 [r127],100
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) lfetch.fault [r0] ;;
	  (p17) lfetch.fault [r12],r120
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) lfetch.fault [r99],-200 ;;
	  lfetch.fault.nt1 [r32]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  lfetch.fault.nt1 [r4],r55 ;;
	  lfetch.fault.nt1 [r126],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  lfetch.fault.nt2 [r63] ;;
	  lfetch.fault.nt2 [r1],r9
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) lfetch.fault.nt2 [r65],-256 ;;
	  (p63) lfetch.fault.nta [r110]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) lfetch.fault.nta [r3],r88 ;;
	  (p32) lfetch.fault.nta [r127],255
	  nop.i 0x0 ;;
	}
	{ .mmi
	  lfetch.fault.d4 [r0] ;;
	  lfetch.fault.d4 [r12],r2
	  nop.i 0x0 ;;
	}
	{ .mmi
	  lfetch.fault.d4 [r99],0 ;;
	  lfetch.fault.d5 [r32]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  lfetch.fault.d5 [r4],r127 ;;
	  (p1) lfetch.fault.d5 [r126],-1
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) lfetch.fault.d6 [r63] ;;
	  (p17) lfetch.fault.d6 [r1],r5
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) lfetch.fault.d6 [r65],1 ;;
	  lfetch.fault.d7 [r110]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  lfetch.fault.d7 [r3],r64 ;;
	  lfetch.fault.d7 [r127],8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  lfetch.fault.excl [r0] ;;
	  lfetch.fault.excl [r12],r33
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) lfetch.fault.excl [r99],-8 ;;
	  (p63) lfetch.fault.excl.nt1 [r32]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) lfetch.fault.excl.nt1 [r4],r96 ;;
	  (p32) lfetch.fault.excl.nt1 [r126],128
	  nop.i 0x0 ;;
	}
	{ .mmi
	  lfetch.fault.excl.nt2 [r63] ;;
	  lfetch.fault.excl.nt2 [r1],r17
	  nop.i 0x0 ;;
	}
	{ .mmi
	  lfetch.fault.excl.nt2 [r65],-129 ;;
	  lfetch.fault.excl.nta [r110]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  lfetch.fault.excl.nta [r3],r126 ;;
	  (p1) lfetch.fault.excl.nta [r127],100
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) lfetch.fault.excl.d4 [r0] ;;
	  (p17) lfetch.fault.excl.d4 [r12],r8
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p32) lfetch.fault.excl.d4 [r99],-200 ;;
	  lfetch.fault.excl.d5 [r32]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  lfetch.fault.excl.d5 [r4],r100 ;;
	  lfetch.fault.excl.d5 [r126],16
	  nop.i 0x0 ;;
	}
	{ .mmi
	  lfetch.fault.excl.d6 [r63] ;;
	  lfetch.fault.excl.d6 [r1],r41
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p1) lfetch.fault.excl.d6 [r65],-256 ;;
	  (p63) lfetch.fault.excl.d7 [r110]
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p17) lfetch.fault.excl.d7 [r3],r3 ;;
	  (p32) lfetch.fault.excl.d7 [r127],255
	  nop.i 0x0 ;;
	}
	{ .mmi
	  lfetch.count [r0],1,0 ;;
	  lfetch.count.nt1 [r12],64,-1024
	  nop.i 0x0 ;;
	}
	{ .mmi
	  lfetch.count.nt2 [r99],2,960 ;;
	  lfetch.count.nta [r32],33,-64
	  nop.i 0x0 ;;
	}
	{ .mmi
	  lfetch.count.d4 [r4],17,64 ;;
	  (p1) lfetch.count.d5 [r126],1,-1024
	  nop.i 0x0 ;;
	}
	{ .mmi
	  (p63) lfetch.count.d6 [r63],64,960 ;;
	  (p17) lfetch.count.d7 [r1],5,128
	  nop.i 0x0 ;;
	}
