package importers

import (
	"slices"
	"sync"
)

// readAheadRows is the size of a sheet, in rows, from which its rows are
// read by a goroutine of their own while the rows before them are decoded:
// inflating and scanning a worksheet's XML takes about as long as turning
// its rows into records, and a machine has a second core for it. (A
// variable, so that tests can read small sheets ahead.)
var readAheadRows = 10000

// readAheadBatch is how many rows the reading goroutine hands over at once.
const readAheadBatch = 256

// aheadRow is a row read ahead: its cells, number and error as next
// returned them, and the columns formatted as percentages.
type aheadRow struct {
	cells   []string
	num     int
	err     error
	percent []int
}

// readAhead makes src's rows come from a goroutine that reads them, a batch
// at a time, ahead of the caller. It returns a function that stops the
// goroutine and waits for it, which the caller must call before the
// reader under src is closed. Percent formats are looked up by the
// goroutine, as each row is read, and kept with the row; src.percent then
// answers, as Rows.Percent does, for any row handed out, asked about in
// order.
func readAhead(src *source) (stop func()) {
	next, percent := src.next, src.percent
	batches := make(chan []aheadRow, 4)
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(batches)
		batch := make([]aheadRow, 0, readAheadBatch)
		send := func() bool {
			select {
			case batches <- batch:
				batch = make([]aheadRow, 0, readAheadBatch)
				return true
			case <-done:
				return false
			}
		}
		for {
			cells, n, err := next()
			r := aheadRow{cells: cells, num: n, err: err}
			if percent != nil && err == nil {
				for c := range cells {
					if percent(n, c+1) {
						r.percent = append(r.percent, c+1)
					}
				}
			}
			batch = append(batch, r)
			if err != nil {
				send()
				return
			}
			if len(batch) == readAheadBatch && !send() {
				return
			}
		}
	}()
	var cur []aheadRow
	var row aheadRow
	// The percent cells of the rows handed out and not yet passed: rows are
	// asked about in order, and readSheet asks about the rows it held while
	// looking for the header after it has read past them, so the answer
	// cannot be only the last row's.
	var pct []aheadRow
	src.next = func() ([]string, int, error) {
		for len(cur) == 0 {
			b, ok := <-batches
			if !ok {
				// The goroutine ended after an error it has handed over.
				return nil, row.num, row.err
			}
			cur = b
		}
		row, cur = cur[0], cur[1:]
		if len(row.percent) > 0 {
			pct = append(pct, aheadRow{num: row.num, percent: row.percent})
		}
		return row.cells, row.num, row.err
	}
	if percent != nil {
		src.percent = func(r, col int) bool {
			for len(pct) > 0 && pct[0].num < r {
				pct = pct[1:]
			}
			for _, p := range pct {
				if p.num != r {
					break
				}
				return slices.Contains(p.percent, col)
			}
			return false
		}
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			close(done)
			for range batches {
				// Let a goroutine blocked on sending see done.
			}
			wg.Wait()
		})
	}
}
