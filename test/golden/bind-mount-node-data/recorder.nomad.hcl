# Writable bind mounts of data on the node, no node constraint: the pod is pinned by a module input.
job "recorder" {
  datacenters = ["dc1"]

  group "recorder" {
    network {
      port "http" { to = 8080 }
    }

    task "recorder" {
      driver = "docker"

      config {
        image = "example/recorder:2.1"
        ports = ["http"]
        volumes = [
          "/srv/recorder/data:/data",
          "/srv/recorder/settings.json:/app/settings.json",
          "/srv/media:/media:ro",
          "/etc/localtime:/etc/localtime:ro",
          "/var/run/docker.sock:/var/run/docker.sock",
          "/opt/recorder/bin/hook:/usr/local/bin/hook",
        ]
        mount {
          type   = "bind"
          source = "/srv/recorder/clips"
          target = "/clips"
        }
      }

      resources {
        cpu    = 200
        memory = 256
      }
    }
  }
}
