job "whoami" {
  datacenters = ["dc1"]

  group "web" {
    count = 3

    network {
      port "http" {
        to = 8080
      }
    }

    service {
      name = "whoami"
      port = "http"
      tags = [
        "traefik.enable=true",
        "traefik.http.routers.whoami.rule=Host(`whoami.example.com`) && PathPrefix(`/api`)",
        "traefik.http.routers.whoami.middlewares=auth@file",
      ]

      check {
        type     = "http"
        path     = "/health"
        interval = "15s"
        timeout  = "3s"
      }
    }

    task "whoami" {
      driver = "docker"

      config {
        image      = "traefik/whoami:v1.10.3"
        entrypoint = ["/whoami"]
        args       = ["--port", "${NOMAD_PORT_http}", "--name", "$${HOSTNAME}"]
        ports      = ["http"]
      }

      env {
        PUBLIC_URL = "https://whoami.example.com"
        BIND       = "${NOMAD_ADDR_http}"
        DATA_DIR   = "${NOMAD_TASK_DIR}/data"
        NOTE       = "line one\nline \"two\" \\ %%{x}"
      }

      kill_timeout = "45s"
      kill_signal  = "SIGINT"

      resources {
        cpu    = 300
        memory = 200
      }
    }
  }
}
