job "search" {
  group "search" {
    network {
      port "http" {
        to = 9200
      }
    }

    service {
      name = "search"
      port = "http"
    }

    task "engine" {
      driver = "docker"

      config {
        image = "example/search-engine:8.15.0"
        ports = ["http"]
      }

      resources {
        cpu        = 2000
        memory     = 6000
        memory_max = 8192
      }
    }

    # 1 CPU / 1 GB: above every tier's request, within the heavy tier's limits (an info).
    task "indexer" {
      driver = "docker"

      lifecycle {
        hook    = "poststart"
        sidecar = true
      }

      config {
        image = "example/search-indexer:8.15.0"
      }

      resources {
        cpu    = 1000
        memory = 1024
      }
    }

    # No resources block: Nomad reserves its defaults (cpu 100, memory 300).
    task "metrics" {
      driver = "docker"

      lifecycle {
        hook    = "poststart"
        sidecar = true
      }

      config {
        image = "example/search-exporter:1.7.0"
      }
    }
  }
}
