set -e
chmod 000 "$1/etc/ssh/sshd_config"
