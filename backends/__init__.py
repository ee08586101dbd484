"""AutoDeploy package."""
