job "linkding" {
  group "linkding" {
    network {
      port "http" {
        to = 9090
      }
    }

    service {
      port = "http"
      tags = ["traefik.http.routers.linkding.rule=Host(`links.example.com`)"]
    }

    task "linkding" {
      driver = "docker"

      config {
        image = "sissbruecker/linkding:1.36.0"
        ports = ["http"]
      }

      template {
        data        = <<EOF
{{ with secret "secret/data/default/linkding" }}
LD_SUPERUSER_NAME={{ .Data.data.LD_SUPERUSER_NAME }}
LD_SUPERUSER_PASSWORD={{ .Data.data.LD_SUPERUSER_PASSWORD }}
{{ end }}
EOF
        destination = "secrets/env"
        env         = true
      }

      template {
        data        = "[server]\nport = 9090\n"
        destination = "local/ld.ini"
      }

      resources {
        cpu    = 100
        memory = 128
      }
    }
  }
}
