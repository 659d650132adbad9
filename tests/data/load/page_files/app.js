document.body.innerHTML = "<p>ASSET SCRIPT RAN</p>";
