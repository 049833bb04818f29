package bench

// rng is a small deterministic random source (SplitMix64). It is written out
// here, not taken from math/rand, so that the generated data stays the same
// across Go releases: benchmarks and comparisons must be rerun on equal input.
type rng struct{ state uint64 }

// newRNG returns a source whose sequence depends on the seed and on the
// stream numbers, so that independent parts of the data (a table, a row of a
// workbook) each draw from their own sequence.
func newRNG(seed uint64, stream ...uint64) *rng {
	r := &rng{state: seed}
	for _, s := range stream {
		r.state = mix(r.state ^ mix(s+0x9e3779b97f4a7c15))
	}
	return r
}

// mix is SplitMix64's finaliser.
func mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func (r *rng) next() uint64 {
	r.state += 0x9e3779b97f4a7c15
	return mix(r.state)
}

// intn returns a number in [0, n); n must be positive.
func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// between returns a number in [lo, hi].
func (r *rng) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + r.intn(hi-lo+1)
}

// chance reports true with probability pct/100.
func (r *rng) chance(pct int) bool { return r.intn(100) < pct }

// pick returns one element of xs.
func pick[T any](r *rng, xs []T) T { return xs[r.intn(len(xs))] }

// subset returns between lo and hi distinct elements of xs, in the order of
// xs.
func subset[T any](r *rng, xs []T, lo, hi int) []T {
	n := r.between(lo, min(hi, len(xs)))
	take := make([]bool, len(xs))
	for k := 0; k < n; {
		i := r.intn(len(xs))
		if !take[i] {
			take[i] = true
			k++
		}
	}
	out := make([]T, 0, n)
	for i, x := range xs {
		if take[i] {
			out = append(out, x)
		}
	}
	return out
}
