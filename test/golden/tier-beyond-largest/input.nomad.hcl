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
