# A sticky ephemeral disk kept alloc/data across updates: the document store keeps its files
# there (a persisted path), the cache group writes nothing there (the report says what is lost).
job "docstore" {
  group "store" {
    ephemeral_disk {
      sticky  = true
      migrate = true
      size    = 2048
    }

    network {
      port "db" {
        to = 27017
      }
    }

    task "mongod" {
      driver = "docker"

      config {
        image   = "mongo:7.0"
        command = "mongod"
        args    = ["--dbpath", "${NOMAD_ALLOC_DIR}/data", "--bind_ip_all"]
        ports   = ["db"]
      }
    }
  }

  group "cache" {
    ephemeral_disk {
      sticky = true
    }

    task "memcached" {
      driver = "docker"

      config {
        image = "memcached:1.6"
      }
    }
  }
}
