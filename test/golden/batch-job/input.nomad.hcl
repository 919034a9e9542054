job "migrate-db" {
  type = "batch"

  group "migrate" {
    task "migrate" {
      driver = "docker"

      config {
        image = "example/app:5.1.0"
        args  = ["migrate", "--yes"]
      }

      env {
        DB_HOST = "db.internal"
      }
    }
  }
}
