# A known SQLite image without a database path: the guess (/data) is the app's own mount,
# which stays; the Litestream volume goes elsewhere.
job "notes" {
  group "notes" {
    task "notes" {
      driver = "docker"

      config {
        image   = "example/notes:1.0"
        volumes = ["/srv/notes:/data/"]
      }
    }
  }
}
