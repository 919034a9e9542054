# A job in a node pool the site config maps to node labels.
job "transcoder" {
  node_pool = "media"

  group "work" {
    task "ffmpeg" {
      driver = "docker"
      config {
        image = "linuxserver/ffmpeg:7.1.1"
        args  = ["-version"]
      }
      resources {
        cpu    = 500
        memory = 512
      }
    }
  }
}
