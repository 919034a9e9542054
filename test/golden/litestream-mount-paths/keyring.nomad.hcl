# The database path is known; the host path mount is written with a trailing slash.
job "keyring" {
  group "keyring" {
    task "keyring" {
      driver = "docker"

      config {
        image   = "example/keyring:1.30"
        volumes = ["/srv/keyring:/data/"]
      }

      env {
        DATABASE_URL = "/data/db.sqlite3"
      }
    }
  }
}
