# A docker task whose config comes from artifacts: a zip of dashboards unpacked into local/
# (mounted into the container by a docker volume) and a git repository nothing can fetch here.
job "grafana" {
  datacenters = ["dc1"]

  group "grafana" {
    network {
      port "http" {
        to = 3000
      }
    }

    service {
      name = "grafana"
      port = "http"
    }

    task "grafana" {
      driver = "docker"

      artifact {
        source      = "https://assets.example.com/grafana/dashboards.zip?archive=zip"
        destination = "local/dashboards"
      }

      artifact {
        source      = "git::https://git.example.com/ops/grafana-provisioning.git"
        destination = "local/provisioning"
      }

      config {
        image   = "grafana/grafana:10.4.2"
        ports   = ["http"]
        volumes = ["local/dashboards:/var/lib/grafana/dashboards"]
      }
    }
  }
}
