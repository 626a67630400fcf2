;; shipments.csv rows formatted in WebAssembly (row-formatter.ts drives it; why: README, "shipments.csv
;; writer"). The same bytes as formatRows in shipments-csv.ts for every row it takes; a row it cannot
;; take (a name run not yet placed, no room left, a number toFixed(4) must round, an id beyond int32)
;; ends the call, and the caller handles that row and calls again from there.
;; One function with no calls: V8 (Node 20) does not inline WebAssembly calls, and the ~16 calls a row
;; of small helpers took a fifth of its time (69 against 55 ns a row). So a row is a loop over four items,
;; each a number (or none) and the run after it, and the number code is written once.
;; After editing: `REGEN=1 npx vitest run test/row-format-wasm.test.ts` rewrites row-format-wasm.ts.
;;
;; Memory (48 pages, never grown, so the caller's views stay valid), byte offsets:
;;        0  digits: 10,000 x i32, n's four ASCII digits (built by $init)
;;    40000  a comma, the run after the created time
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
    (i32.store8 (i32.const 40000) (i32.const 44))
    (memory.fill (i32.const 106496) (i32.const 255) (i32.const 12288)))
  (start $init)

  ;; Formats rows i.. of n at `rows`, writing from `pos` while a row and 160 bytes fit before `end`;
  ;; returns the first row not written (n: all), its end position in the global `pos`.
  ;; A row is four items, each a number and the run after it: the id and head, the created time and a
  ;; comma, the delivery time and mid, the lead time and tail; a row not delivered has no numbers in
  ;; the last two. `p` only becomes `pos` once the whole row is written.
  (func (export "format") (param $rows i32) (param $i i32) (param $n i32) (param $pos i32) (param $end i32) (result i32)
    (local $b i32) (local $p i32) (local $h i32) (local $m i32) (local $t i32) (local $k2 i32) (local $idi i32)
    (local $j i32) (local $last i32) (local $w i32) (local $lo i32) (local $len i32) (local $r i32)
    (local $src i32) (local $e i32) (local $q i32)
    (local $id f64) (local $c f64) (local $d f64) (local $y f64) (local $below f64) (local $frac f64) (local $x f64) (local $whole f64)
    (global.set $pos (local.get $pos))
    (block $out (loop $row
      (br_if $out (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $b (i32.add (local.get $rows) (i32.mul (local.get $i) (i32.const 48))))
      (local.set $k2 (i32.trunc_sat_f64_u (f64.load offset=16 (local.get $b))))
      ;; the three runs by index; -1 where not placed or beyond the 1,024 of a table
      (local.set $h (i32.trunc_sat_f64_u (f64.load offset=8 (local.get $b))))
      (local.set $h (select (i32.load offset=106496 (i32.shl (i32.and (local.get $h) (i32.const 1023)) (i32.const 2))) (i32.const -1) (i32.lt_u (local.get $h) (i32.const 1024))))
      (local.set $m (select (i32.load offset=110592 (i32.shl (i32.and (local.get $k2) (i32.const 1023)) (i32.const 2))) (i32.const -1) (i32.lt_u (local.get $k2) (i32.const 1024))))
      (local.set $t (i32.trunc_sat_f64_u (f64.load offset=24 (local.get $b))))
      (local.set $t (select (i32.load offset=114688 (i32.shl (i32.and (local.get $t) (i32.const 1023)) (i32.const 2))) (i32.const -1) (i32.lt_u (local.get $t) (i32.const 1024))))
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
      (local.set $d (f64.load offset=40 (local.get $b)))
      ;; status code 0 (delivered): numbers in all four items, else in the first two
      (local.set $last (select (i32.const 3) (i32.const 1) (i32.eqz (i32.rem_u (local.get $k2) (i32.const 3)))))
      (local.set $p (global.get $pos))
      (local.set $j (i32.const 0))
      (loop $item
        (if (i32.le_u (local.get $j) (local.get $last)) (then
          ;; the number as a whole part w and, for the times, four decimals lo (toFixed(4): the fast path
          ;; of writeFixed4 in fixed-point.ts, step for step; the row ends the call where it uses toFixed)
          (local.set $lo (i32.const -1))
          (if (i32.eqz (local.get $j))
            (then (local.set $w (local.get $idi)))
            (else
              (local.set $x (select (local.get $c) (select (local.get $d) (f64.sub (local.get $d) (local.get $c)) (i32.eq (local.get $j) (i32.const 2))) (i32.eq (local.get $j) (i32.const 1))))
              (local.set $y (f64.mul (local.get $x) (f64.const 1e4)))
              (br_if $out (i32.eqz (i32.and (f64.ge (local.get $y) (f64.const 0)) (f64.lt (local.get $y) (f64.const 8.796093022208e12)))))
              (local.set $below (f64.floor (local.get $y)))
              (local.set $frac (f64.sub (local.get $y) (local.get $below)))
              (br_if $out (i32.eqz (f64.gt (f64.abs (f64.sub (local.get $frac) (f64.const 0.5))) (f64.mul (local.get $y) (f64.const 2.220446049250313e-16)))))
              (local.set $y (select (f64.add (local.get $below) (f64.const 1)) (local.get $below) (f64.gt (local.get $frac) (f64.const 0.5))))
              (local.set $whole (f64.floor (f64.mul (local.get $y) (f64.const 1e-4))))
              (local.set $w (i32.trunc_f64_u (local.get $whole)))
              (local.set $lo (i32.trunc_f64_u (f64.sub (local.get $y) (f64.mul (local.get $whole) (f64.const 1e4)))))))
          ;; w < 2^32 in decimal: below 1e8 as a short head (1-4 digits, no leading zeros) and four more
          (if (i32.lt_u (local.get $w) (i32.const 100000000))
            (then
              (local.set $r (i32.const -1))
              (if (i32.ge_u (local.get $w) (i32.const 10000)) (then
                (local.set $q (i32.div_u (local.get $w) (i32.const 10000)))
                (local.set $r (i32.sub (local.get $w) (i32.mul (local.get $q) (i32.const 10000))))
                (local.set $w (local.get $q))))
              (local.set $len
                (if (result i32) (i32.lt_u (local.get $w) (i32.const 100))
                  (then (select (i32.const 1) (i32.const 2) (i32.lt_u (local.get $w) (i32.const 10))))
                  (else (select (i32.const 3) (i32.const 4) (i32.lt_u (local.get $w) (i32.const 1000))))))
              ;; the table word shifted down past its leading zeros (writes 4 bytes)
              (i32.store align=1 (local.get $p)
                (i32.shr_u (i32.load (i32.shl (local.get $w) (i32.const 2)))
                           (i32.shl (i32.sub (i32.const 4) (local.get $len)) (i32.const 3))))
              (local.set $p (i32.add (local.get $p) (local.get $len)))
              (if (i32.ge_s (local.get $r) (i32.const 0)) (then
                (i32.store align=1 (local.get $p) (i32.load (i32.shl (local.get $r) (i32.const 2))))
                (local.set $p (i32.add (local.get $p) (i32.const 4))))))
            (else
              ;; 9 or 10 digits, one at a time from the end
              (local.set $e (i32.add (local.get $p) (select (i32.const 10) (i32.const 9) (i32.ge_u (local.get $w) (i32.const 1000000000)))))
              (local.set $q (local.get $e))
              (loop $digit
                (local.set $q (i32.sub (local.get $q) (i32.const 1)))
                (i32.store8 (local.get $q) (i32.add (i32.const 48) (i32.rem_u (local.get $w) (i32.const 10))))
                (local.set $w (i32.div_u (local.get $w) (i32.const 10)))
                (br_if $digit (i32.gt_u (local.get $q) (local.get $p))))
              (local.set $p (local.get $e))))
          (if (i32.ge_s (local.get $lo) (i32.const 0)) (then
            (i32.store8 (local.get $p) (i32.const 46))
            (i32.store align=1 (i32.add (local.get $p) (i32.const 1)) (i32.load (i32.shl (local.get $lo) (i32.const 2))))
            (local.set $p (i32.add (local.get $p) (i32.const 5)))))))
        ;; the run after it: head, a comma, mid, tail; copied 8 bytes at a time (up to 7 past it: the room check keeps 160)
        (local.set $r (select (select (local.get $h) (local.get $m) (i32.eqz (local.get $j))) (local.get $t) (i32.lt_u (local.get $j) (i32.const 3))))
        (local.set $src (select (i32.const 40000) (i32.load offset=118784 (i32.shl (local.get $r) (i32.const 2))) (i32.eq (local.get $j) (i32.const 1))))
        (local.set $e (i32.add (local.get $p) (select (i32.const 1) (i32.load offset=122880 (i32.shl (local.get $r) (i32.const 2))) (i32.eq (local.get $j) (i32.const 1)))))
        (loop $copy
          (i64.store align=1 (local.get $p) (i64.load align=1 (local.get $src)))
          (local.set $p (i32.add (local.get $p) (i32.const 8)))
          (local.set $src (i32.add (local.get $src) (i32.const 8)))
          (br_if $copy (i32.lt_u (local.get $p) (local.get $e))))
        (local.set $p (local.get $e))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $item (i32.lt_u (local.get $j) (i32.const 4))))
      (global.set $pos (local.get $p))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $row)))
    (local.get $i))
)
