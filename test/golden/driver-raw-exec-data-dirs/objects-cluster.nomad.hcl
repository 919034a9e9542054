job "objects-cluster" {
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
        args    = ["server", "http://store{1...4}/usr/local/var/minio/"]
      }

      resources {
        cpu    = 500
        memory = 512
      }
    }
  }
}
