# An HCL1 job file (Nomad before 1.0): a comma between blocks, an argument on the line of a
# block's opening brace, a repeated argument and quoted keys, all of which HCL2 rejects.
job "guestbook" {
  datacenters = ["dc1"]
  type = "service"

  update { stagger = "10s"
    max_parallel = 1
  }

  group "frontend" {
    count = 2

    task "web" {
      driver = "docker"

      config {
        image = "example/guestbook:1.2.0"
        port_map {
          http = 3000
        }
      }

      env {
        "REDIS_HOST" = "redis.service.consul"
        "LOG_LEVEL" = "info"
      }

      service {
        name = "guestbook"
        port = "http"
        tags = ["traefik.enable=true"]
        tags = ["traefik.http.routers.guestbook.rule=Host(`guestbook.example.com`)"]
        check {
          type = "http"
          path = "/"
          interval = "10s"
          timeout = "2s"
        }
      }

      resources {
        cpu = 100
        memory = 128
        network {
          mbits = 1
          port "http" {},
          port "debug" { static = 6060 }
        }
      }
    }
  }
}
