// Command cpmap imports national spreadsheets on the law and policy on
// corporal punishment of children into one normalised dataset, validates it,
// and writes status matrices, progress summaries, charts and briefing packs.
//
// Run "cpmap --help" for the commands.
package main

import (
	"context"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}
