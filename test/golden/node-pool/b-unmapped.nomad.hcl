# A job in a node pool the site config does not know, and one in Nomad's "all" pool.
job "edge-cache" {
  node_pool = "edge"

  group "cache" {
    network {
      port "http" {
        to = 80
      }
    }
    service {
      name = "edge-cache"
      port = "http"
    }
    task "varnish" {
      driver = "docker"
      config {
        image = "varnish:7.6"
        ports = ["http"]
      }
    }
  }
}

job "anywhere" {
  node_pool = "all"

  group "app" {
    task "echo" {
      driver = "docker"
      config {
        image = "hashicorp/http-echo:1.0"
      }
    }
  }
}
