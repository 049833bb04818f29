package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cpmap/cpmap/dataset"
)

func main() {
	data := flag.String("data", "data", "the dataset to write the sources of")
	out := flag.String("out", "sources", "the folder to write them to")
	flag.Parse()
	if err := run(*data, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gensources:", err)
		os.Exit(1)
	}
}

// file is one file of sources/ and the function that writes it.
type file struct {
	name  string
	write func(g *gen, path string) error
}

// files lists every file of sources/, one function each; doc.go says
// which Go file holds which function.
var files = []file{
	{"cbss-region.xlsx", (*gen).region},
	{"gi-legality-outside-home.xlsx", (*gen).giTable},
	{"sverige.xlsx", (*gen).sweden},
	{"suomi.xlsx", (*gen).finland},
	{"norge.xlsx", (*gen).norway},
	{"danmark.xlsx", (*gen).denmark},
	{"faroe-islands.xlsx", (*gen).faroes},
	{"greenland.xlsx", (*gen).greenland},
	{"island.xlsx", (*gen).iceland},
	{"deutschland.xlsx", (*gen).germany},
	{"polska.xlsx", (*gen).poland},
	{"badanie-2017-polska-lotwa.xlsx", (*gen).plLvStudy},
	{"eesti.xlsx", (*gen).estonia},
	{"latvija.xlsx", (*gen).latvia},
	{"lietuva.xlsx", (*gen).lithuania},
	{"rossiya.csv", (*gen).russia},
	{"other-records.xlsx", (*gen).rest},
}

func run(dataDir, outDir string) error {
	ds, ps, err := dataset.Load(dataDir)
	if err != nil {
		return err
	}
	if ps.HasErrors() {
		var b strings.Builder
		dataset.WriteText(&b, ps)
		return fmt.Errorf("%s has errors:\n%s", dataDir, b.String())
	}
	g := &gen{ds: ds, written: map[string]string{}}
	tmp, err := os.MkdirTemp("", "cpmap-sources-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	for _, f := range files {
		g.file = f.name
		if err := f.write(g, filepath.Join(tmp, f.name)); err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
	}
	g.checkAllWritten()
	if err := errors.Join(g.errs...); err != nil {
		return err
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return err
	}
	if err := removeStale(outDir); err != nil {
		return err
	}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(tmp, f.name))
		if err != nil {
			return err
		}
		if err := dataset.WriteFileAtomic(filepath.Join(outDir, f.name), b); err != nil {
			return err
		}
	}
	return nil
}

// removeStale removes the workbooks and CSV files of dir that files no
// longer lists, so that importing every file of the folder imports only
// what the generator writes.
func removeStale(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		if e.IsDir() || ext != ".xlsx" && ext != ".csv" {
			continue
		}
		if !slices.ContainsFunc(files, func(f file) bool { return f.name == e.Name() }) {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}
