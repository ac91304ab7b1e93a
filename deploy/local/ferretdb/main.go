// Command ferretdb runs FerretDB 1.x (SQLite backend) embedded, so the local store needs
// no generated build files from the upstream module and no network telemetry.
package main

import (
	"context"
	"flag"
	"log"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen-addr", "127.0.0.1:27117", "TCP address to listen on")
	sqliteDir := flag.String("sqlite-dir", "", "directory holding the SQLite databases")
	flag.Parse()

	if *sqliteDir == "" {
		log.Fatal("-sqlite-dir is required")
	}
	if err := os.MkdirAll(*sqliteDir, 0o755); err != nil {
		log.Fatalf("cannot create %s: %v", *sqliteDir, err)
	}

	db, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Handler:   "sqlite",
		SQLiteURL: "file:" + *sqliteDir + "/",
	})
	if err != nil {
		log.Fatalf("ferretdb: %v", err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	log.Printf("ferretdb listening on %s, data in %s", *listen, *sqliteDir)
	if err := db.Run(ctx); err != nil && ctx.Err() == nil {
		log.Fatalf("ferretdb stopped: %v", err)
	}
}
