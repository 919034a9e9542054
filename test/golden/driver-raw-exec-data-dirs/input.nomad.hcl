# raw_exec jobs that keep data on their nodes: a single MinIO with a plain data directory, a
# distributed one spread over four hosts, and a webhook whose hook file carries a path pattern.
job "objects" {
  datacenters = ["dc1"]

  group "store" {
    network {
      port "s3" {
        static = 9000
      }
    }

    task "minio" {
      driver = "raw_exec"

      config {
        command = "/usr/local/bin/minio"
        args    = ["server", "--address", ":9000", "/data/minio"]
      }

      resources {
        cpu    = 500
        memory = 512
      }
    }
  }
}
