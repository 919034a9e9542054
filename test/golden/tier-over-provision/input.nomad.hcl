job "notes" {
  group "notes" {
    network {
      port "http" {
        to = 3000
      }
    }

    service {
      name = "notes"
      port = "http"
    }

    # cpu 100 / memory 150 would land on heavy (1Gi request): sized from the Nomad values.
    task "app" {
      driver = "docker"

      config {
        image = "example/notes:3.2.0"
        ports = ["http"]
      }

      resources {
        cpu    = 100
        memory = 150
      }
    }

    # Fits the medium tier exactly.
    task "cache" {
      driver = "docker"

      lifecycle {
        hook    = "poststart"
        sidecar = true
      }

      config {
        image = "redis:7.4"
      }

      resources {
        cpu    = 100
        memory = 128
      }
    }

    # memory_max pushes it to heavy; the 1Gi request would be 4x memory.
    task "indexer" {
      driver = "docker"

      lifecycle {
        hook    = "poststart"
        sidecar = true
      }

      config {
        image = "example/notes-indexer:3.2.0"
      }

      resources {
        cpu        = 200
        memory     = 256
        memory_max = 1024
      }
    }

    # A tiny CPU reservation: light's 50m request would be 5x.
    task "log-shipper" {
      driver = "docker"

      lifecycle {
        hook    = "poststart"
        sidecar = true
      }

      config {
        image = "example/log-shipper:1.0.0"
      }

      resources {
        cpu    = 10
        memory = 48
      }
    }
  }
}
