# Static sites served by one nginx, several hosts on one router (Pattern A).
job "nginx-sites" {
  datacenters = ["dc1"]

  group "nginx" {
    count = 2

    network {
      port "http" {
        to = 80
      }
    }

    service {
      name = "nginx-sites"
      port = "http"
      tags = [
        "traefik.enable=true",
        "traefik.http.routers.sites.rule=Host(`brmartin.co.uk`) || Host(`www.brmartin.co.uk`) || Host(`blog.brmartin.co.uk`)",
      ]

      check {
        type     = "tcp"
        interval = "15s"
        timeout  = "3s"
      }
    }

    volume "sites" {
      type      = "csi"
      source    = "glusterfs_nginx_sites"
      read_only = true
    }

    task "nginx" {
      driver = "docker"

      config {
        image = "nginx:1.27-alpine"
        ports = ["http"]
      }

      volume_mount {
        volume      = "sites"
        destination = "/usr/share/nginx/html"
        read_only   = true
      }

      template {
        data        = <<EOF
server {
  listen 80 default_server;
  root /usr/share/nginx/html/$host;
  location / {
    try_files $uri $uri/ =404;
  }
}
EOF
        destination = "local/default.conf"
        perms       = "0644"
      }

      resources {
        cpu    = 100
        memory = 64
      }
    }
  }
}
