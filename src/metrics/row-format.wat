;; shipments.csv rows formatted in WebAssembly (row-formatter.ts drives it; why: README, "shipments.csv
;; writer"). The same bytes as formatRows in shipments-csv.ts for every row it takes; a row it cannot
;; take (a name run not yet placed, no room left, a number toFixed(4) must round, an id beyond int32)
;; ends the call, and the caller handles that row and calls again from there.
;; After editing: `REGEN=1 npx vitest run test/row-format-wasm.test.ts` rewrites row-format-wasm.ts.
;;
;; Memory (48 pages, never grown, so the caller's views stay valid), byte offsets:
;;        0  digits: 10,000 x i32, n's four ASCII digits (built by $init)
;;    40960  runs: the name runs' bytes, each from an 8-byte boundary (64 KiB)
;;   106496  head, mid, tail: run number by index, 1,024 x i32 each, -1 = not placed
;;   118784  start, length: each run's byte offset and length, 1,024 x i32 each
;;   131072  rows: 16,384 packed rows x 6 f64 (packRow in shipments-csv.ts)
;;   917504  out: the writer's byte buffer, 1 MiB
(module
  (memory (export "memory") 48)
  (global $pos (export "pos") (mut i32) (i32.const 0))

  (func $init
    (local $n i32)
    (loop $l
      (i32.store (i32.shl (local.get $n) (i32.const 2))
        (i32.or
          (i32.or (i32.add (i32.const 48) (i32.div_u (local.get $n) (i32.const 1000)))
                  (i32.shl (i32.add (i32.const 48) (i32.rem_u (i32.div_u (local.get $n) (i32.const 100)) (i32.const 10))) (i32.const 8)))
          (i32.or (i32.shl (i32.add (i32.const 48) (i32.rem_u (i32.div_u (local.get $n) (i32.const 10)) (i32.const 10))) (i32.const 16))
                  (i32.shl (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))) (i32.const 24)))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $n) (i32.const 10000))))
    (memory.fill (i32.const 106496) (i32.const 255) (i32.const 12288)))
  (start $init)

  ;; 0 <= n < 1e4 without leading zeros: the table word shifted down past them (writes 4 bytes)
  (func $short (param $p i32) (param $n i32) (result i32)
    (local $len i32)
    (local.set $len
      (if (result i32) (i32.lt_u (local.get $n) (i32.const 100))
        (then (select (i32.const 1) (i32.const 2) (i32.lt_u (local.get $n) (i32.const 10))))
        (else (select (i32.const 3) (i32.const 4) (i32.lt_u (local.get $n) (i32.const 1000))))))
    (i32.store align=1 (local.get $p)
      (i32.shr_u (i32.load (i32.shl (local.get $n) (i32.const 2)))
                 (i32.shl (i32.sub (i32.const 4) (local.get $len)) (i32.const 3))))
    (i32.add (local.get $p) (local.get $len)))

  ;; n < 2^32 in decimal
  (func $uint (param $p i32) (param $n i32) (result i32)
    (local $hi i32) (local $d i32) (local $e i32) (local $q i32)
    (if (i32.lt_u (local.get $n) (i32.const 10000)) (then (return (call $short (local.get $p) (local.get $n)))))
    (if (i32.lt_u (local.get $n) (i32.const 100000000)) (then
      (local.set $hi (i32.div_u (local.get $n) (i32.const 10000)))
      (local.set $p (call $short (local.get $p) (local.get $hi)))
      (i32.store align=1 (local.get $p)
        (i32.load (i32.shl (i32.sub (local.get $n) (i32.mul (local.get $hi) (i32.const 10000))) (i32.const 2))))
      (return (i32.add (local.get $p) (i32.const 4)))))
    (local.set $e (i32.add (local.get $p) (select (i32.const 10) (i32.const 9) (i32.ge_u (local.get $n) (i32.const 1000000000)))))
    (local.set $d (local.get $e))
    (loop $l
      (local.set $d (i32.sub (local.get $d) (i32.const 1)))
      (local.set $q (i32.div_u (local.get $n) (i32.const 10)))
      (i32.store8 (local.get $d) (i32.add (i32.const 48) (i32.sub (local.get $n) (i32.mul (local.get $q) (i32.const 10)))))
      (local.set $n (local.get $q))
      (br_if $l (i32.gt_u (local.get $d) (local.get $p))))
    (local.get $e))

  ;; x.toFixed(4), the fast path of writeFixed4 (fixed-point.ts) step for step; -1 where it uses toFixed
  (func $fixed4 (param $p i32) (param $x f64) (result i32)
    (local $y f64) (local $below f64) (local $frac f64) (local $n f64) (local $whole f64)
    (local.set $y (f64.mul (local.get $x) (f64.const 1e4)))
    (if (i32.eqz (i32.and (f64.ge (local.get $y) (f64.const 0)) (f64.lt (local.get $y) (f64.const 8.796093022208e12))))
      (then (return (i32.const -1))))
    (local.set $below (f64.floor (local.get $y)))
    (local.set $frac (f64.sub (local.get $y) (local.get $below)))
    (if (i32.eqz (f64.gt (f64.abs (f64.sub (local.get $frac) (f64.const 0.5))) (f64.mul (local.get $y) (f64.const 2.220446049250313e-16))))
      (then (return (i32.const -1))))
    (local.set $n (select (f64.add (local.get $below) (f64.const 1)) (local.get $below) (f64.gt (local.get $frac) (f64.const 0.5))))
    (local.set $whole (f64.floor (f64.mul (local.get $n) (f64.const 1e-4))))
    (local.set $p (call $uint (local.get $p) (i32.trunc_f64_u (local.get $whole))))
    (i32.store8 (local.get $p) (i32.const 46))
    (i32.store align=1 (i32.add (local.get $p) (i32.const 1))
      (i32.load (i32.shl (i32.trunc_f64_u (f64.sub (local.get $n) (f64.mul (local.get $whole) (f64.const 1e4)))) (i32.const 2))))
    (i32.add (local.get $p) (i32.const 5)))

  ;; run r's bytes to p, 8 at a time (up to 7 bytes past them: the room check keeps 160)
  (func $copy (param $p i32) (param $r i32) (result i32)
    (local $src i32) (local $end i32) (local $q i32)
    (local.set $src (i32.load offset=118784 (i32.shl (local.get $r) (i32.const 2))))
    (local.set $end (i32.add (local.get $p) (i32.load offset=122880 (i32.shl (local.get $r) (i32.const 2)))))
    (local.set $q (local.get $p))
    (block $b (loop $l
      (br_if $b (i32.ge_u (local.get $q) (local.get $end)))
      (i64.store align=1 (local.get $q) (i64.load (local.get $src)))
      (local.set $q (i32.add (local.get $q) (i32.const 8)))
      (local.set $src (i32.add (local.get $src) (i32.const 8)))
      (br $l)))
    (local.get $end))

  ;; run number of index k in a table, or -1 (not placed, or k beyond the table)
  (func $run (param $table i32) (param $k i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $k) (i32.const 1024))
      (then (i32.load (i32.add (local.get $table) (i32.shl (local.get $k) (i32.const 2)))))
      (else (i32.const -1))))

  ;; Formats rows i.. of n at `rows`, writing from `pos` while a row and 160 bytes fit before `end`;
  ;; returns the first row not written (n: all), its end position in the global `pos`.
  (func (export "format") (param $rows i32) (param $i i32) (param $n i32) (param $pos i32) (param $end i32) (result i32)
    (local $b i32) (local $p i32) (local $h i32) (local $m i32) (local $t i32) (local $k2 i32)
    (local $id f64) (local $c f64) (local $d f64) (local $idi i32)
    (global.set $pos (local.get $pos))
    (block $out (loop $row
      (br_if $out (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $b (i32.add (local.get $rows) (i32.mul (local.get $i) (i32.const 48))))
      (local.set $k2 (i32.trunc_sat_f64_u (f64.load offset=16 (local.get $b))))
      (local.set $h (call $run (i32.const 106496) (i32.trunc_sat_f64_u (f64.load offset=8 (local.get $b)))))
      (local.set $m (call $run (i32.const 110592) (local.get $k2)))
      (local.set $t (call $run (i32.const 114688) (i32.trunc_sat_f64_u (f64.load offset=24 (local.get $b)))))
      (br_if $out (i32.lt_s (i32.or (i32.or (local.get $h) (local.get $m)) (local.get $t)) (i32.const 0)))
      (br_if $out (i32.gt_u
        (i32.add (i32.add (global.get $pos) (i32.const 160))
          (i32.add (i32.load offset=122880 (i32.shl (local.get $h) (i32.const 2)))
            (i32.add (i32.load offset=122880 (i32.shl (local.get $m) (i32.const 2)))
                     (i32.load offset=122880 (i32.shl (local.get $t) (i32.const 2))))))
        (local.get $end)))
      (local.set $id (f64.load (local.get $b)))
      (local.set $idi (i32.trunc_sat_f64_u (local.get $id)))
      (br_if $out (i32.or (f64.ne (f64.convert_i32_u (local.get $idi)) (local.get $id))
                          (i32.ge_u (local.get $idi) (i32.const 2147483647))))
      (local.set $c (f64.load offset=32 (local.get $b)))
      (local.set $p (call $uint (global.get $pos) (local.get $idi)))
      (local.set $p (call $copy (local.get $p) (local.get $h)))
      (local.set $p (call $fixed4 (local.get $p) (local.get $c)))
      (br_if $out (i32.lt_s (local.get $p) (i32.const 0)))
      (i32.store8 (local.get $p) (i32.const 44))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      ;; status code 0 (delivered): the delivery time and the lead time
      (if (i32.eqz (i32.rem_u (local.get $k2) (i32.const 3)))
        (then
          (local.set $d (f64.load offset=40 (local.get $b)))
          (local.set $p (call $fixed4 (local.get $p) (local.get $d)))
          (br_if $out (i32.lt_s (local.get $p) (i32.const 0)))
          (local.set $p (call $copy (local.get $p) (local.get $m)))
          (local.set $p (call $fixed4 (local.get $p) (f64.sub (local.get $d) (local.get $c))))
          (br_if $out (i32.lt_s (local.get $p) (i32.const 0))))
        (else (local.set $p (call $copy (local.get $p) (local.get $m)))))
      (global.set $pos (call $copy (local.get $p) (local.get $t)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $row)))
    (local.get $i))
)
